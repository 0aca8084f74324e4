using DistributedCloud.Rpc.Metadata;
using Google.Protobuf;

namespace DistributedCloud.Rpc.Status;

/// <summary>
/// A call that ended with a status other than OK. Thrown by handlers to choose the status the caller
/// sees, and by the client when the server (or the transport) ended the call that way.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(RpcStatus status, Google.Rpc.Status? details = null, RpcMetadata? trailers = null, Exception? innerException = null)
        : base(status.ToString(), innerException)
    {
        Status = status;
        Details = details;
        Trailers = trailers ?? new RpcMetadata();
    }

    public RpcException(StatusCode code, string detail)
        : this(new RpcStatus(code, detail))
    {
    }

    public RpcStatus Status { get; }

    public StatusCode StatusCode => Status.Code;

    /// <summary>The rich status (<c>grpc-status-details-bin</c>), when the call carried one.</summary>
    public Google.Rpc.Status? Details { get; }

    /// <summary>Trailing metadata (sent by a handler that throws; received by the client).</summary>
    public RpcMetadata Trailers { get; }

    /// <summary>The first detail of type <typeparamref name="T"/> packed in <see cref="Details"/>, if any.</summary>
    public T? GetDetail<T>()
        where T : class, IMessage<T>, new()
    {
        if (Details is null)
        {
            return null;
        }

        foreach (var any in Details.Details)
        {
            if (any.TryUnpack<T>(out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>An exception carrying a rich status: code, message and packed details.</summary>
    public static RpcException WithDetails(StatusCode code, string detail, params IMessage[] details)
    {
        var rich = new Google.Rpc.Status { Code = (int)code, Message = detail };
        foreach (var item in details)
        {
            rich.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(item));
        }

        return new RpcException(new RpcStatus(code, detail), rich);
    }
}
