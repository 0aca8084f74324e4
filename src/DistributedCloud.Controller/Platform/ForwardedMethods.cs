using Grpc.Core;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Platform;

/// <summary>
/// The SubcloudAgent methods as the generated code declares them, by full name ("/distributedcloud.agent.v1.SubcloudAgent/GetSite"),
/// so a call arriving at the controller is forwarded with exactly its own method: one added to agent.proto is
/// forwarded without a line here. Collected from the generated <c>BindService</c>, which hands every method to a binder.
/// </summary>
public static class ForwardedMethods
{
    private static readonly Dictionary<string, IMethod> ByFullName = Collect();

    public static Method<TRequest, TResponse> Get<TRequest, TResponse>(string fullName)
        where TRequest : class
        where TResponse : class =>
        ByFullName.TryGetValue(fullName, out var method) && method is Method<TRequest, TResponse> typed
            ? typed
            : throw new RpcException(new Status(StatusCode.Unimplemented, $"{fullName} is not a SubcloudAgent method this controller can forward"));

    private static Dictionary<string, IMethod> Collect()
    {
        var collector = new Collector();
        V1.SubcloudAgent.BindService(collector, null);
        return collector.Methods;
    }

    private sealed class Collector : ServiceBinderBase
    {
        public Dictionary<string, IMethod> Methods { get; } = new(StringComparer.Ordinal);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            Methods[method.FullName] = method;

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            Methods[method.FullName] = method;

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            Methods[method.FullName] = method;

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            Methods[method.FullName] = method;
    }
}
