using DistributedCloud.Rpc.Server;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DistributedCloud.Rpc.Client;

/// <summary>
/// A typed handle on one method of a generated service descriptor: its path, shape, parsers and
/// whether it may be retried (from the method's <c>idempotency_level</c> option).
/// </summary>
public sealed class RpcMethod<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private RpcMethod(MethodDescriptor descriptor)
    {
        Descriptor = descriptor;
        Path = $"/{descriptor.Service.FullName}/{descriptor.Name}";
        Kind = RpcServiceBinder.KindOf(descriptor);
        ResponseParser = (MessageParser<TResponse>)descriptor.OutputType.Parser;
        var level = descriptor.GetOptions()?.IdempotencyLevel ?? MethodOptions.Types.IdempotencyLevel.IdempotencyUnknown;
        Idempotent = level is MethodOptions.Types.IdempotencyLevel.Idempotent or MethodOptions.Types.IdempotencyLevel.NoSideEffects;
    }

    public MethodDescriptor Descriptor { get; }

    /// <summary>"/package.Service/Method".</summary>
    public string Path { get; }

    public RpcMethodKind Kind { get; }

    /// <summary>True when the proto marks the method IDEMPOTENT or NO_SIDE_EFFECTS: retried on UNAVAILABLE.</summary>
    public bool Idempotent { get; }

    public MessageParser<TResponse> ResponseParser { get; }

    /// <summary>The method named <paramref name="name"/> of <paramref name="service"/>, checked against the message types.</summary>
    public static RpcMethod<TRequest, TResponse> From(ServiceDescriptor service, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        var method = service.FindMethodByName(name)
            ?? throw new ArgumentException($"Service {service.FullName} has no method '{name}'.", nameof(name));
        return From(method);
    }

    public static RpcMethod<TRequest, TResponse> From(MethodDescriptor method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{method.FullName} takes {method.InputType.ClrType?.Name} and returns {method.OutputType.ClrType?.Name}, not {typeof(TRequest).Name} -> {typeof(TResponse).Name}.",
                nameof(method));
        }

        return new RpcMethod<TRequest, TResponse>(method);
    }

    public override string ToString() => Path;
}
