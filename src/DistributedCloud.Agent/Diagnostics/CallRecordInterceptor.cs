using DistributedCloud.Agent.Configuration;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Site.Hosting.Diagnostics;
using DistributedCloud.Site.Hosting.Grpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Diagnostics;

/// <summary>
/// Records how each call reached the agent: a log line (event 5040: method, arrival family, local and peer address;
/// Debug, or Information with <c>Agent:LogCalls</c>) and <c>dc_agent_rpc_calls_total{method, family}</c>. This is the
/// callee's side of N-35: a test bed reads it to prove the controller dialled the site's primary family.
/// </summary>
public sealed class CallRecordInterceptor(IOptions<AgentOptions> options, AgentTelemetry telemetry, ILogger<CallRecordInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Record(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Record(context);
        return continuation(request, responseStream, context);
    }

    private void Record(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        var family = context.ArrivalFamily() switch
        {
            IpFamily.IPv6 => "ipv6",
            IpFamily.IPv4 => "ipv4",
            _ => "unknown",
        };
        telemetry.RpcCalls.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("family", family));
        var level = options.Value.LogCalls ? LogLevel.Information : LogLevel.Debug;
        if (logger.IsEnabled(level))
        {
            logger.CallArrived(level, method, family, context.LocalAddress()?.ToString() ?? "(none)", context.RemoteAddress()?.ToString() ?? "(none)");
        }
    }
}
