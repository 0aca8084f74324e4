using System.Net;
using System.Net.Sockets;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Tests.Support;

namespace DistributedCloud.Controller.Tests.Agents;

/// <summary>The real agent client: a dead agent fails fast within the call deadline (D-8), so the audit records a failure.</summary>
public sealed class RpcSubcloudAgentClientTests
{
    [Fact]
    public async Task D8_a_dead_agent_fails_the_call_instead_of_hanging()
    {
        // A loopback port nobody listens on (bound, then released).
        int port;
        using (var listener = new TcpListener(IPAddress.IPv6Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var subcloud = Fleet.Admit("sub1", Fleet.Ipv6(1), "::1") with { Agent = new AgentEndpoint(IPAddress.IPv6Loopback, port) };
        using var client = new RpcSubcloudAgentClient(new AgentClientOptions { ControllerId = "test", CallTimeout = TimeSpan.FromSeconds(2) });

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetSiteAsync(subcloud, CancellationToken.None));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }
}
