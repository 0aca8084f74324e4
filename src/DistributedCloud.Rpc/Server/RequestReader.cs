using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;
using Google.Protobuf;

namespace DistributedCloud.Rpc.Server;

/// <summary>Reads framed request messages from the HTTP/2 request body.</summary>
internal static class RequestReader
{
    /// <summary>Reads exactly one message (unary and server-streaming calls).</summary>
    public static async Task<T> ReadSingleAsync<T>(PipeReader reader, MessageParser<T> parser, int maxSize, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        T? message = default;
        var found = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            try
            {
                if (!found && MessageFraming.TryRead(ref buffer, maxSize, out var payload))
                {
                    message = Parse(parser, payload);
                    found = true;
                }

                if (found && buffer.Length > 0)
                {
                    throw new RpcException(StatusCode.Internal, "The request holds more than one message, but the method takes a single request.");
                }

                if (result.IsCompleted)
                {
                    if (!found)
                    {
                        throw new RpcException(StatusCode.Internal, buffer.Length == 0
                            ? "The request ended without a message."
                            : "The request ended in the middle of a message.");
                    }

                    return message!;
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    /// <summary>Reads messages until the client half-closes (client-streaming and duplex calls).</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(PipeReader reader, MessageParser<T> parser, int maxSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var messages = new List<T>();
            try
            {
                while (MessageFraming.TryRead(ref buffer, maxSize, out var payload))
                {
                    messages.Add(Parse(parser, payload));
                }

                if (result.IsCompleted && buffer.Length > 0)
                {
                    throw new RpcException(StatusCode.Internal, "The request ended in the middle of a message.");
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            foreach (var message in messages)
            {
                yield return message;
            }

            if (result.IsCompleted)
            {
                yield break;
            }
        }
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.Internal, $"The request message could not be decoded: {e.Message}");
        }
    }
}
