using System.Text.Json.Nodes;
using DistributedCloud.Cli.Commands.Strategies;
using DistributedCloud.Cli.Tests.Infrastructure;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Tests.Strategies;

public sealed class StrategyCommandTests
{
    [Fact]
    public async Task Create_sends_the_scope_parameters_and_secondary_subnets_and_prints_the_plan_D13()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Strategy = SampleStrategies.Planned();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """
                default: {external_oam_subnet: 198.18.2.0/24, external_oam_gateway_address: 198.18.2.1}
                subcloud2:
                  external_oam_subnet: 198.18.3.0/24
                """);
            var result = await Dcctl.RunAsync("--controller", server.Address, "strategy", "create", "network-mode", "--target", "dual-stack",
                "--secondary-subnets", file, "--networks", "oam", "--subclouds", "subcloud1,subcloud2", "--subcloud-apply-type", "serial",
                "--max-parallel-subclouds", "1", "--stop-on-failure");
            Assert.Equal(ExitCodes.Success, result.Code);
            var sent = Assert.Single(server.Controller.Received<CreateStrategyRequest>());
            Assert.Equal(StrategyType.NetworkMode, sent.Type);
            Assert.Equal((ApplyType.Serial, 1u, true), (sent.SubcloudApplyType, sent.MaxParallelSubclouds, sent.StopOnFailure));
            Assert.Equal(["subcloud1", "subcloud2"], sent.Subclouds.Names);
            Assert.Equal(NetworkMode.DualStack, sent.NetworkMode.Target);
            Assert.Equal(["oam"], sent.NetworkMode.Networks);
            Assert.Equal("198.18.2.1", sent.NetworkMode.SecondarySubnets["default"].Values["external_oam_gateway_address"]);
            Assert.Equal("198.18.3.0/24", sent.NetworkMode.SecondarySubnets["subcloud2"].Values["external_oam_subnet"]);
            Assert.Contains("add pool oam-ipv4 (198.18.2.0/24)", result.Out, StringComparison.Ordinal);
            Assert.EndsWith("2 subclouds: 0 done, 0 failed, 0 running, 0 paused, 2 pending\n", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_secondary_subnets_file_of_the_wrong_shape_lists_every_problem_naming_the_file()
    {
        var ex = Assert.Throws<UsageException>(() => SecondarySubnetsFile.Parse("default: 198.18.2.0/24\nsubcloud1:\n  external_oam_subnet: [a, b]\n", "s.yaml"));
        Assert.Equal(2, ex.Problems.Count);
        Assert.All(ex.Problems, p => Assert.Contains("'s.yaml'", p, StringComparison.Ordinal));
        Assert.Throws<UsageException>(() => SecondarySubnetsFile.Parse("- a\n- b\n", "s.yaml"));
    }

    [Fact]
    public async Task Apply_follows_the_strategy_to_complete_with_progress_on_stderr_and_the_plan_as_json_on_stdout()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Strategy = SampleStrategies.With(StrategyState.Applying, SampleStrategies.Planned().Subclouds.ToArray());
        server.Controller.StrategyUpdates.AddRange([SampleStrategies.Applying(), SampleStrategies.Complete()]);
        var result = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "strategy", "apply");
        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Equal("complete", (string?)JsonNode.Parse(result.Out)!["state"]);
        Assert.Contains("subcloud1: step 2/3 assign oam-ipv4 to oam", result.Error, StringComparison.Ordinal);
        Assert.Contains("complete, 2 subclouds: 2 done", result.Error, StringComparison.Ordinal);
        Assert.Single(server.Controller.Received<ApplyStrategyRequest>());
    }

    [Fact]
    public async Task Apply_of_a_strategy_that_fails_exits_1_with_the_reasons_D16()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Strategy = SampleStrategies.With(StrategyState.Applying);
        server.Controller.StrategyUpdates.Add(SampleStrategies.Failed());
        var result = await Dcctl.RunAsync("--controller", server.Address, "strategy", "apply");
        Assert.Equal(ExitCodes.Refused, result.Code);
        Assert.Contains("dcctl: the strategy failed", result.Error, StringComparison.Ordinal);
        Assert.Contains("dcctl: subcloud2: step 2 'unlock controller-1' failed: controller-1 did not come back enabled", result.Error, StringComparison.Ordinal);
        Assert.Contains("| subcloud2 | failed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_when_the_stream_ends_early_checks_the_strategy_and_stops_with_exit_code_4()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Strategy = SampleStrategies.Applying();
        var result = await Dcctl.RunAsync("--controller", server.Address, "strategy", "apply");
        Assert.Equal(ExitCodes.TimedOut, result.Code);
        Assert.Contains("still applying", result.Error, StringComparison.Ordinal);
        Assert.Equal(4, server.Controller.Received<WatchStrategyRequest>().Count());
    }

    [Fact]
    public async Task Apply_no_wait_returns_once_started_without_watching()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Strategy = SampleStrategies.Applying();
        var result = await Dcctl.RunAsync("--controller", server.Address, "strategy", "apply", "--no-wait");
        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Empty(server.Controller.Received<WatchStrategyRequest>());
        Assert.Contains("strategy show", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_details_asks_the_controller_for_details_and_adds_the_columns()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Strategy = SampleStrategies.Failed();
        var result = await Dcctl.RunAsync("--controller", server.Address, "strategy", "show", "--details");
        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.True(Assert.Single(server.Controller.Received<GetStrategyRequest>()).Details);
        Assert.Contains("controller-1 did not come back enabled", result.Out, StringComparison.Ordinal);
        Assert.Contains("| error ", result.Out, StringComparison.Ordinal);
    }
}
