using System.Net;
using DistributedCloud.Rpc.Wire;

namespace DistributedCloud.Rpc.Client;

/// <summary>A request body of already-framed bytes (serialized once, reusable across retries).</summary>
internal sealed class FramedContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> _frame;

    public FramedContent(ReadOnlyMemory<byte> frame)
    {
        _frame = frame;
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        await stream.WriteAsync(_frame, cancellationToken);

    // No content-length: gRPC bodies are streams of frames.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
