using System.Text.Json.Nodes;
using DistributedCloud.Cli.Commands.Strategies;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Tests.Strategies;

public sealed class StrategyRenderingTests
{
    [Fact]
    public void The_plan_lists_each_subclouds_steps_in_order_with_their_state_D12()
    {
        var table = StrategyView.Steps(SampleStrategies.Planned(), details: false);
        Assert.Equal(["subcloud", "subcloud state", "#", "step", "state"], table.Columns);
        Assert.Equal(5, table.Rows.Count);
        Assert.Equal(["subcloud1", "pending", "1", "add pool oam-ipv4 (198.18.2.0/24)", "pending"], table.Rows[0]);
        Assert.Equal(["1", "2", "3", "1", "2"], table.Rows.Select(r => r[2]));
        Assert.Equal("subcloud2", table.Rows[3][0]);
    }

    [Fact]
    public void Details_add_each_steps_operation_times_and_message()
    {
        var strategy = SampleStrategies.Failed();
        var table = StrategyView.Steps(strategy, details: true);
        Assert.Equal(["operation", "started", "finished", "message"], table.Columns.Skip(5));
        Assert.Equal("controller-1 did not come back enabled", table.Rows[^1][^1]);
    }

    [Fact]
    public void The_summary_line_counts_subclouds_by_state_paused_is_not_failed_D17()
    {
        Assert.Equal("network-mode strategy applying, 3 subclouds: 1 done, 0 failed, 1 running, 1 paused, 0 pending",
            StrategyView.Summary(SampleStrategies.Applying()));
        Assert.Equal("network-mode strategy initial, 2 subclouds: 0 done, 0 failed, 0 running, 0 paused, 2 pending",
            StrategyView.Summary(SampleStrategies.Planned()));
    }

    [Fact]
    public void A_strategy_without_plans_is_summarised_from_the_controllers_counters()
    {
        var counts = StrategyCounts.Of(new Strategy { Done = 4, Failed = 1, Running = 2 });
        Assert.Equal(new StrategyCounts(7, 4, 1, 2, 0, 0, 0), counts);
    }

    [Fact]
    public void The_json_plan_has_settings_summary_and_ordered_steps()
    {
        var document = StrategyView.Document(SampleStrategies.Applying());
        Assert.Equal("applying", (string?)document["state"]);
        Assert.Equal(2u, (uint)document["max parallel subclouds"]!);
        Assert.Equal(1, (int)document["summary"]!["paused"]!);
        var steps = document["subclouds"]![0]!["steps"]!.AsArray();
        Assert.Equal([1, 2, 3], steps.Select(s => (int)s!["#"]!));
        Assert.Equal("running", (string?)steps[1]!["state"]);
        Assert.IsType<JsonArray>(document["subclouds"]![0]!["notices"]);
    }

    [Fact]
    public void The_json_plan_lists_the_targeted_subclouds_that_are_not_eligible_with_the_reason_D12()
    {
        var strategy = SampleStrategies.Planned();
        strategy.Skipped.Add(new SkippedSubcloud { Subcloud = "subcloud3", Reason = "already dual-stack on every network named" });
        var skipped = Assert.Single(StrategyView.Document(strategy)["skipped"]!.AsArray());
        Assert.Equal(("subcloud3", "already dual-stack on every network named"), ((string?)skipped!["subcloud"], (string?)skipped["reason"]));
        Assert.Empty(StrategyView.Document(SampleStrategies.Planned())["skipped"]!.AsArray());
    }

    [Fact]
    public void Progress_names_each_active_subclouds_current_step()
    {
        Assert.Equal(
            "applying, 3 subclouds: 1 done, 0 failed, 1 running, 1 paused, 0 pending; subcloud1: step 2/3 assign oam-ipv4 to oam; subcloud2: paused at step 1/2 add pool oam-ipv4 (198.18.3.0/24)",
            StrategyProgress.Line(SampleStrategies.Applying()));
    }

    [Fact]
    public void The_failure_reasons_give_the_strategy_error_and_each_failed_step_with_its_message_D16()
    {
        Assert.Equal(
            ["subcloud2 failed and stop-on-failure is set", "subcloud2: step 2 'unlock controller-1' failed: controller-1 did not come back enabled"],
            StrategyView.FailureReasons(SampleStrategies.Failed()));
    }
}
