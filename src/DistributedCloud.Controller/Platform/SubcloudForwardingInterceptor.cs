using DistributedCloud.Contracts.Routing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Platform;

/// <summary>
/// One platform API (architecture decision 2): a SubcloudAgent call that names a subcloud in <c>dc-subcloud</c> metadata
/// is forwarded unchanged to that subcloud's agent (<see cref="SubcloudProxy"/>: primary family, the controller's
/// fencing identity, the caller's deadline capped by the agent call timeout); without it the controller's own site
/// answers. Two exceptions, both left to <see cref="ControllerSiteService"/>: host actions on a subcloud run as
/// workflows on the bus (D-19), and ApplyNetworkChange is the controller's own call (network changes through the
/// controller are strategies, D-11). A client- or bidirectional-streaming method is not forwarded (none exists; one
/// added later answers UNIMPLEMENTED for a subcloud until the forwarder learns it).
/// </summary>
public sealed class SubcloudForwardingInterceptor(SubcloudProxy proxy) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (SubcloudMetadata.Read(context.RequestHeaders) is not { } subcloud || request is V1.HostActionRequest or V1.ApplyNetworkChangeRequest)
        {
            return continuation(request, context);
        }

        var method = ForwardedMethods.Get<TRequest, TResponse>(context.Method);
        return proxy.CallAsync(subcloud, method.Name, (invoker, options) => invoker.AsyncUnaryCall(method, null, options, request), Options(context));
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (SubcloudMetadata.Read(context.RequestHeaders) is not { } subcloud)
        {
            return continuation(request, responseStream, context);
        }

        var method = ForwardedMethods.Get<TRequest, TResponse>(context.Method);
        return proxy.StreamAsync(subcloud, method.Name, (invoker, options) => invoker.AsyncServerStreamingCall(method, null, options, request),
            responseStream.WriteAsync, Options(context));
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        return SubcloudMetadata.Read(context.RequestHeaders) is null ? continuation(requestStream, context) : throw NotForwarded(context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        return SubcloudMetadata.Read(context.RequestHeaders) is null ? continuation(requestStream, responseStream, context) : throw NotForwarded(context);
    }

    private static RpcException NotForwarded(ServerCallContext context) =>
        new(new Status(StatusCode.Unimplemented, $"{context.Method} is not forwarded to subclouds by this controller"));

    private static CallOptions Options(ServerCallContext context) =>
        new(deadline: context.Deadline == DateTime.MaxValue ? null : context.Deadline, cancellationToken: context.CancellationToken);
}
