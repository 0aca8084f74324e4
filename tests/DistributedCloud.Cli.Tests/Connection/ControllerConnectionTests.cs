using DistributedCloud.Cli.Access;
using System.Net;
using System.Net.Sockets;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Platform;
using DistributedCloud.Cli.Tests.Infrastructure;
using DistributedCloud.Contracts.Controller.V1;
using Grpc.Core;
using HostActionRequest = DistributedCloud.Contracts.Agent.V1.HostActionRequest;
using ListNetworksRequest = DistributedCloud.Contracts.Agent.V1.ListNetworksRequest;
using WatchEventsRequest = DistributedCloud.Contracts.Agent.V1.WatchEventsRequest;

namespace DistributedCloud.Cli.Tests.Connection;

/// <summary>dcctl against a real gRPC server standing in for the controller and an agent, on loopback.</summary>
public sealed class ControllerConnectionTests
{
    private static string Unanswered()
    {
        // A port bound and released: nothing listens there now.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndPoint!).Port}";
    }

    [Fact]
    public async Task Of_the_defaults_the_first_that_answers_is_used()
    {
        await using var server = await StandInServer.StartAsync();
        using var controller = new ControllerClient(new ControllerEndpoints([Unanswered(), server.Address], Defaulted: true), TimeSpan.FromSeconds(10), ClientCredentials.None);
        using var site = SitePlatform.ThroughController(controller, subcloud: null);
        var networks = await site.ListNetworksAsync(CancellationToken.None);
        Assert.Equal(["oam", "mgmt"], networks.Select(n => n.Name));
        Assert.Contains(server.Address, site.Describe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_no_default_answers_the_error_names_every_address_tried_and_the_ways_out()
    {
        var (first, second) = (Unanswered(), Unanswered());
        using var controller = new ControllerClient(new ControllerEndpoints([first, second], Defaulted: true), TimeSpan.FromSeconds(10), ClientCredentials.None);
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            controller.CallAsync((c, o) => c.ListSubcloudsAsync(new ListSubcloudsRequest(), o), CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        foreach (var expected in new[] { first, second, "--controller URL", "--agent URL", "DCCTL_CONTROLLER" })
        {
            Assert.Contains(expected, ex.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unreachable_controller_is_exit_code_3()
    {
        var result = await Dcctl.RunAsync("--controller", Unanswered(), "subcloud", "list");
        Assert.Equal(ExitCodes.Unreachable, result.Code);
        Assert.Empty(result.Out);
        Assert.Contains("cannot reach", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("network-list")]
    [InlineData("network-addrpool-list")]
    [InlineData("addrpool-list")]
    [InlineData("addrpool-show", "oam-ipv4")]
    [InlineData("host-list")]
    [InlineData("host-show", "controller-1")]
    [InlineData("alarm-list")]
    [InlineData("-o", "json", "addrpool-list")]
    [InlineData("-o", "yaml", "host-show", "controller-0")]
    public async Task Platform_commands_print_the_same_through_the_controller_as_from_the_agent_D25(params string[] command)
    {
        await using var server = await StandInServer.StartAsync();
        var direct = await Dcctl.RunAsync(["--agent", server.Address, .. command]);
        var throughController = await Dcctl.RunAsync(["--controller", server.Address, "--subcloud", "subcloud1", .. command]);
        var ownSite = await Dcctl.RunAsync(["--controller", server.Address, .. command]);
        Assert.Equal(ExitCodes.Success, direct.Code);
        Assert.Equal(direct.Out, throughController.Out);
        Assert.Equal(direct.Out, ownSite.Out);
        Assert.NotEmpty(direct.Out);
    }

    [Fact]
    public async Task Subcloud_option_names_the_subcloud_in_dc_subcloud_metadata_of_the_platform_call_and_own_site_sends_none()
    {
        await using var server = await StandInServer.StartAsync();
        await Dcctl.RunAsync("--controller", server.Address, "--subcloud", "subcloud1", "network-list");
        await Dcctl.RunAsync("--controller", server.Address, "network-list");
        var calls = server.Agent.Received<ListNetworksRequest>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("subcloud1", calls[0].Subcloud);
        Assert.Null(calls[1].Subcloud);
    }

    [Fact]
    public async Task Host_lock_on_a_subcloud_waits_through_the_controller_until_the_host_is_locked()
    {
        await using var server = await StandInServer.StartAsync();
        var result = await Dcctl.RunAsync("--controller", server.Address, "--subcloud", "subcloud1", "host-lock", "controller-1", "--timeout", "30s");
        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Contains("lock done", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"\| administrative +\| locked +\|", result.Out);
        var action = Assert.Single(server.Agent.Received<HostActionRequest>());
        Assert.Equal("subcloud1", action.Subcloud);
        Assert.Contains(server.Agent.Received<WatchEventsRequest>(), w => w.Subcloud == "subcloud1");
    }

    [Fact]
    public async Task A_refusal_lists_every_violation_as_field_description_and_rule_with_exit_code_1_D3()
    {
        await using var server = await StandInServer.StartAsync();
        var result = await Dcctl.RunAsync("--controller", server.Address, "subcloud", "manage", "subcloud1");
        Assert.Equal(ExitCodes.Refused, result.Code);
        Assert.Contains("dcctl: deploy_status: subcloud1 is not deployed (deploy status not-deployed) [D-3]", result.Error, StringComparison.Ordinal);
        Assert.Contains("dcctl: availability: subcloud1 is offline [D-3]", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Alarm_list_of_the_controller_adds_the_subclouds_with_alarms_on_stderr_only_H15()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.AlarmSummaries.Add(new AlarmSummary { Subcloud = "subcloud2", Major = 2 });
        server.Controller.AlarmSummaries.Add(new AlarmSummary { Subcloud = "subcloud3" });
        var result = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "alarm-list");
        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.StartsWith("[", result.Out.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("subcloud subcloud2: 0 critical, 2 major", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("subcloud3", result.Error, StringComparison.Ordinal);
    }
}
