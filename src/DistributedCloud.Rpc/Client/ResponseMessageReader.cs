using System.Buffers;
using System.Buffers.Binary;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;
using Google.Protobuf;

namespace DistributedCloud.Rpc.Client;

/// <summary>Reads framed response messages from a response body stream.</summary>
internal static class ResponseMessageReader
{
    /// <summary>The next message, or null at the end of the body.</summary>
    public static async Task<T?> ReadAsync<T>(Stream stream, MessageParser<T> parser, int maxSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var header = new byte[GrpcProtocol.FrameHeaderLength];
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < header.Length)
        {
            throw new RpcException(StatusCode.Internal, "The response ended in the middle of a message header.");
        }

        if (header[0] != 0)
        {
            throw new RpcException(StatusCode.Internal, "The server sent a compressed message, but this client asked for none.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > (uint)maxSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxSize})");
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var got = await stream.ReadAtLeastAsync(buffer.AsMemory(0, (int)length), (int)length, throwOnEndOfStream: false, cancellationToken);
            if (got < length)
            {
                throw new RpcException(StatusCode.Internal, "The response ended in the middle of a message.");
            }

            try
            {
                return parser.ParseFrom(buffer, 0, (int)length);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new RpcException(StatusCode.Internal, $"The response message could not be decoded: {e.Message}");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
