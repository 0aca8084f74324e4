using System.Buffers;
using System.Buffers.Binary;
using DistributedCloud.Rpc.Status;
using Google.Protobuf;

namespace DistributedCloud.Rpc.Wire;

/// <summary>
/// The gRPC length-prefixed message: a compressed-flag byte, a 4-byte big-endian length, the bytes.
/// </summary>
public static class MessageFraming
{
    private const int SmallFrame = 4096;

    /// <summary>Writes one uncompressed framed message; refuses one larger than <paramref name="maxSize"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message, int maxSize = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message larger than max ({size} vs. {maxSize})");
        }

        var total = GrpcProtocol.FrameHeaderLength + size;
        if (total <= SmallFrame)
        {
            // Small messages: header and body in one contiguous span.
            var span = writer.GetSpan(total);
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
            message.WriteTo(span.Slice(GrpcProtocol.FrameHeaderLength, size));
            writer.Advance(total);
            return;
        }

        var header = writer.GetSpan(GrpcProtocol.FrameHeaderLength);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
        writer.Advance(GrpcProtocol.FrameHeaderLength);
        message.WriteTo(writer);
    }

    /// <summary>The framed bytes of one message, in a fresh array.</summary>
    public static byte[] ToFrame(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var frame = new byte[GrpcProtocol.FrameHeaderLength + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.FrameHeaderLength));
        return frame;
    }

    /// <summary>
    /// Tries to take one complete frame from the start of <paramref name="buffer"/>. Throws
    /// RESOURCE_EXHAUSTED as soon as the header announces more than <paramref name="maxSize"/> bytes,
    /// and INTERNAL for a compressed message (this layer negotiates no compression).
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxSize, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < GrpcProtocol.FrameHeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderLength];
        buffer.Slice(0, GrpcProtocol.FrameHeaderLength).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (header[0] > 1)
        {
            throw new RpcException(StatusCode.Internal, $"Invalid compressed-flag byte {header[0]} in a message frame.");
        }

        if (length > (uint)maxSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {maxSize})");
        }

        if (header[0] == 1)
        {
            throw new RpcException(StatusCode.Internal,
                "Received a compressed message, but no message encoding was negotiated (grpc-encoding is identity).");
        }

        if (buffer.Length < GrpcProtocol.FrameHeaderLength + length)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.FrameHeaderLength, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }
}
