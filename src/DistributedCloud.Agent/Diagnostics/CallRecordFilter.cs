using DistributedCloud.Agent.Configuration;
using DistributedCloud.Rpc.Server;
using DistributedCloud.Site.Hosting.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Diagnostics;

/// <summary>
/// Records how each call reached the agent: a log line (event 5040: method, arrival family, local and peer address;
/// Debug, or Information with <c>Agent:LogCalls</c>) and <c>dc_agent_rpc_calls_total{method, family}</c>. This is the
/// callee's side of N-35: a test bed reads it to prove the controller dialled the site's primary family.
/// </summary>
public sealed class CallRecordFilter(IOptions<AgentOptions> options, AgentTelemetry telemetry, ILogger<CallRecordFilter> logger) : IRpcCallFilter
{
    public ValueTask OnCallAsync(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        var family = context.ArrivalFamily switch
        {
            Networking.Addressing.IpFamily.IPv6 => "ipv6",
            Networking.Addressing.IpFamily.IPv4 => "ipv4",
            _ => "unknown",
        };
        telemetry.RpcCalls.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("family", family));
        var level = options.Value.LogCalls ? LogLevel.Information : LogLevel.Debug;
        if (logger.IsEnabled(level))
        {
            logger.CallArrived(level, method, family, context.LocalAddress?.ToString() ?? "(none)", context.RemoteAddress?.ToString() ?? "(none)");
        }

        return ValueTask.CompletedTask;
    }
}
