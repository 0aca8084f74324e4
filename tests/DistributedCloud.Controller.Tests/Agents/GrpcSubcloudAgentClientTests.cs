using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DistributedCloud.Contracts.Fencing;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Addressing;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Tests.Agents;

/// <summary>
/// The controller's agent client on the official stack: a dead agent fails within the deadline (D-8), every call
/// carries the fencing identity (G-10), one channel per subcloud is kept, and a subcloud is dialled over its primary
/// family only (N-35), against a real Kestrel gRPC server on loopback.
/// </summary>
public sealed class GrpcSubcloudAgentClientTests
{
    [Fact]
    public async Task D8_an_agent_that_accepts_the_connection_but_never_answers_fails_the_call_at_its_deadline()
    {
        // The kernel completes the TCP handshake from the backlog; nothing ever reads or answers.
        using var silent = new TcpListener(IPAddress.IPv6Loopback, 0);
        silent.Start();
        var subcloud = Fleet.Admit("sub1", Fleet.Ipv6(1), "::1") with { Agent = new AgentEndpoint(IPAddress.IPv6Loopback, ((IPEndPoint)silent.LocalEndpoint).Port) };
        using var channels = new AgentChannels(new AgentClientOptions { ControllerId = "test", CallTimeout = TimeSpan.FromSeconds(2) });
        var client = new GrpcSubcloudAgentClient(channels);

        var started = DateTime.UtcNow;
        var failure = await Assert.ThrowsAsync<RpcException>(() => client.GetSiteAsync(subcloud, CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_dead_agent_is_unavailable_at_once()
    {
        var subcloud = Fleet.Admit("sub1", Fleet.Ipv6(1), "::1") with { Agent = new AgentEndpoint(IPAddress.IPv6Loopback, ClosedPort()) };
        using var channels = new AgentChannels(new AgentClientOptions { ControllerId = "test", CallTimeout = TimeSpan.FromSeconds(30) });

        var failure = await Assert.ThrowsAsync<RpcException>(() => new GrpcSubcloudAgentClient(channels).GetSiteAsync(subcloud, CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task G10_every_call_carries_the_controller_id_and_epoch_and_the_subcloud_keeps_one_channel()
    {
        await using var agent = await RecordingAgent.StartAsync(IPAddress.IPv6Loopback);
        var subcloud = Fleet.Admit("sub1", Fleet.Ipv6(1), "::1") with { Agent = new AgentEndpoint(IPAddress.IPv6Loopback, agent.Port) };
        using var channels = new AgentChannels(new AgentClientOptions { ControllerId = "ctl-a", LeadershipEpoch = 7, CallTimeout = TimeSpan.FromSeconds(10) });
        var client = new GrpcSubcloudAgentClient(channels);

        await client.GetSiteAsync(subcloud, CancellationToken.None);
        await client.HostActionAsync(subcloud, V1.HostAction.Lock, new V1.HostActionRequest { Host = "controller-1" }, CancellationToken.None);

        Assert.Equal(2, agent.Calls.Count);
        Assert.All(agent.Calls, call => Assert.Equal(new FencingToken("ctl-a", 7), call.Token));
        Assert.Single(agent.Calls.Select(c => c.Connection).Distinct());
        Assert.Equal(1, channels.Count);
    }

    [Fact]
    public async Task N35_a_subcloud_whose_agent_address_is_not_of_its_primary_family_is_never_dialled()
    {
        await using var agent = await RecordingAgent.StartAsync(IPAddress.Loopback);
        // The record says IPv6-primary, the address is IPv4: the channel refuses to connect over IPv4.
        var subcloud = Fleet.Admit("sub1", Fleet.Ipv6(1), "::1") with { Agent = new AgentEndpoint(IPAddress.Loopback, agent.Port) };
        Assert.Equal(IpFamily.IPv6, subcloud.PrimaryFamily);
        using var channels = new AgentChannels(new AgentClientOptions { ControllerId = "ctl-a", CallTimeout = TimeSpan.FromSeconds(5) });

        var failure = await Assert.ThrowsAsync<RpcException>(() => new GrpcSubcloudAgentClient(channels).GetSiteAsync(subcloud, CancellationToken.None));

        Assert.True(failure.StatusCode == StatusCode.Unavailable, failure.ToString());
        Assert.Contains("N-35", failure.Status.Detail + failure.Status.DebugException?.Message, StringComparison.Ordinal);
        Assert.Empty(agent.Calls);
    }

    private static int ClosedPort()
    {
        // A loopback port nobody listens on (bound, then released).
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A real gRPC server answering GetSite and LockHost, recording each call's fencing token and connection.</summary>
    private sealed class RecordingAgent : V1.SubcloudAgent.SubcloudAgentBase, IAsyncDisposable
    {
        private WebApplication? _app;

        public ConcurrentQueue<(FencingToken Token, string Connection)> Calls { get; } = new();

        public int Port { get; private set; }

        public static async Task<RecordingAgent> StartAsync(IPAddress address)
        {
            var agent = new RecordingAgent();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(address, 0, l => l.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(agent);
            var app = builder.Build();
            app.MapGrpcService<RecordingAgent>();
            await app.StartAsync();
            agent._app = app;
            agent.Port = new Uri(app.Urls.First()).Port;
            return agent;
        }

        public override Task<V1.Site> GetSite(V1.GetSiteRequest request, ServerCallContext context) => Record(context, new V1.Site());

        public override Task<V1.HostActionResponse> LockHost(V1.HostActionRequest request, ServerCallContext context) => Record(context, new V1.HostActionResponse());

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }

        private Task<T> Record<T>(ServerCallContext context, T response)
        {
            Calls.Enqueue((FencingToken.ReadFrom(context.RequestHeaders), context.GetHttpContext().Connection.Id));
            return Task.FromResult(response);
        }
    }
}
