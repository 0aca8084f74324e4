using DistributedCloud.Site.Hosting.Health;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DistributedCloud.Site.Hosting.Grpc;

/// <summary>
/// The product's services answer only while the host is ready: between binding its listeners and opening its stores,
/// and while it stops, a call is UNAVAILABLE (clients retry) instead of reaching a store that is not open, or an agent's
/// leadership record before it was read. Health and reflection are not behind it.
/// </summary>
public sealed class ReadinessInterceptor(SiteReadiness readiness) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Admit();
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Admit();
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Admit();
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Admit();
        return continuation(requestStream, responseStream, context);
    }

    private void Admit()
    {
        if (readiness.WhyNotReady() is { } why)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"not ready: {why}; retry shortly"));
        }
    }
}
