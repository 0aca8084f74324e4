using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Agent.Diagnostics;

/// <summary>
/// The agent's own record of the family calls arrive on (N-35), independent of what GetSite reports: one log line per
/// new connection (event 5040, local and peer address) and the counter <c>dc.agent.calls</c> by <c>network.type</c>
/// (ipv4, ipv6) for every call. A test bed or an operator compares the two to prove the controller used the primary family.
/// </summary>
public sealed class ArrivalRecorder(ILoggerFactory loggers, AgentTelemetry telemetry)
{
    // The key marking a connection as logged, kept in the connection's own items so nothing outlives it.
    private static readonly object Logged = new();

    private readonly ILogger _logger = loggers.CreateLogger("DistributedCloud.Agent.Connections");

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        var local = Unmapped(http.Connection.LocalIpAddress);
        var family = local?.AddressFamily switch
        {
            AddressFamily.InterNetwork => "ipv4",
            AddressFamily.InterNetworkV6 => "ipv6",
            _ => "unknown",
        };
        telemetry.Calls.Add(1, new KeyValuePair<string, object?>("network.type", family));
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.TryAdd(Logged, Logged))
        {
            _logger.ConnectionArrived(http.Connection.Id, $"{Unmapped(http.Connection.RemoteIpAddress)}", http.Connection.RemotePort,
                $"{local}", http.Connection.LocalPort, family);
        }

        await next(http);
    }

    private static IPAddress? Unmapped(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
