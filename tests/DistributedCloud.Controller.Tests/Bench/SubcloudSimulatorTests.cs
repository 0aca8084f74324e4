using System.Net;
using System.Net.Sockets;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Simulator.Agent;
using DistributedCloud.Controller.Simulator.Fleet;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Bootstrap;
using Grpc.Core;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Tests.Bench;

/// <summary>
/// The subcloud simulator of bench/controller, reached through the controller's real agent client: one listener, each
/// site told apart by the loopback address the call arrived at, each answering like an agent on its bootstrap.
/// </summary>
public sealed class SubcloudSimulatorTests
{
    [Fact]
    public async Task Two_simulated_sites_on_one_port_each_answer_GetSite_as_their_own_bootstrap_and_audit_in_sync_D7()
    {
        var port = FreePort();
        await using var app = SimulatorHost.Build(2, port);
        await app.StartAsync();
        using var channels = new AgentChannels(new AgentClientOptions { ControllerId = "test", CallTimeout = TimeSpan.FromSeconds(10) });
        var client = new GrpcSubcloudAgentClient(channels);
        var admitted = Enumerable.Range(0, 2).Select(Subcloud(port)).ToArray();

        var sites = await Task.WhenAll(admitted.Select(s => client.GetSiteAsync(s, CancellationToken.None)));

        Assert.NotEqual(sites[0].SystemUuid, sites[1].SystemUuid);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(FleetLayout.Address(i).ToString(), sites[i].ArrivalLocalAddress);
            Assert.Equal(V1.SystemMode.Simplex, sites[i].SystemMode);
            Assert.Equal(V1.AddressFamily.Ipv4, sites[i].PrimaryFamily);
            var mgmt = sites[i].Networks.Single(n => n.Type == "mgmt").Pools.Single();
            Assert.Equal($"{mgmt.Ranges[0].Start}-{mgmt.Ranges[0].End}", admitted[i].Pools.Single(p => p.Network == Networking.Networks.NetworkType.Mgmt).Ranges);
            var report = SyncComparer.Compare(ExpectedSite.Of(admitted[i]), sites[i]);
            Assert.True(report.Status.Overall == SyncStatus.InSync, string.Join("; ", report.Differences));
        }

        // The same site again: the same system (it is kept, not made anew per call).
        Assert.Equal(sites[1].SystemUuid, (await client.GetSiteAsync(admitted[1], CancellationToken.None)).SystemUuid);
    }

    [Fact]
    public async Task An_address_with_no_simulated_site_is_not_found()
    {
        var port = FreePort();
        await using var app = SimulatorHost.Build(2, port);
        await app.StartAsync();
        using var channels = new AgentChannels(new AgentClientOptions { ControllerId = "test", CallTimeout = TimeSpan.FromSeconds(10) });
        var client = new GrpcSubcloudAgentClient(channels);
        var beyond = Subcloud(port)(1) with { Name = "beyond", Agent = new AgentEndpoint(FleetLayout.Address(2), port) };

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.GetSiteAsync(beyond, CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }

    private static Func<int, Subcloud> Subcloud(int port) => i =>
    {
        var controller = BootstrapPlanner.Plan(FleetLayout.SystemControllerYaml, isSystemController: true);
        Assert.True(controller.IsValid, string.Join("\n", controller.Errors));
        var subcloud = SubcloudRules.Admit(new SubcloudAddRequest(FleetLayout.Name(i), FleetLayout.BootstrapYaml(i), FleetLayout.Address(i).ToString()),
            controller.Plan!.Networks, [], Fleet.Groups, new SubcloudRegistryOptions(), Fleet.Start, RegionIds.New());
        return subcloud with { Agent = new AgentEndpoint(FleetLayout.Address(i), port) };
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
