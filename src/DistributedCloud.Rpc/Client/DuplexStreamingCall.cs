using DistributedCloud.Rpc.Metadata;
using Google.Protobuf;

namespace DistributedCloud.Rpc.Client;

/// <summary>A running duplex call: write with <see cref="RequestStream"/>, read with <see cref="ReadAllAsync"/>. Dispose it to cancel.</summary>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly ServerStreamingCall<TResponse> _responses;

    internal DuplexStreamingCall(ClientStreamWriter<TRequest> requests, ServerStreamingCall<TResponse> responses)
    {
        RequestStream = requests;
        _responses = responses;
    }

    public ClientStreamWriter<TRequest> RequestStream { get; }

    public RpcMetadata Trailers => _responses.Trailers;

    public Task<RpcMetadata> ResponseHeadersAsync() => _responses.ResponseHeadersAsync();

    /// <summary>The response messages; throws <see cref="Status.RpcException"/> when the call ends with another status than OK.</summary>
    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => _responses.ReadAllAsync(cancellationToken);

    public void Dispose() => _responses.Dispose();
}
