using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Controller.Tests.Strategies;

/// <summary>D-11, D-15..D-17: the strategy state machine.</summary>
public sealed class StrategyMachineTests
{
    private static readonly DateTimeOffset T = Fleet.Start;

    private static Strategy Create(int subclouds, bool stopOnFailure = false, ApplyType applyType = ApplyType.Parallel, int? maxParallel = null)
    {
        var fleet = Enumerable.Range(1, subclouds).Select(n => Fleet.Ready(Fleet.Admit($"sx{n}", Fleet.Ipv6(n), Fleet.Agent6(n)))).ToArray();
        var parameters = new StrategyParameters(NetworkModeTarget.DualStack, applyType, maxParallel, stopOnFailure,
            SecondarySubnets: SecondarySubnets.Parse(Fleet.SecondarySubnetsYaml));
        return NetworkModePlanner.Create(Guid.NewGuid(), parameters, fleet, Fleet.Groups, T);
    }

    /// <summary>Runs every step the machine offers until it offers none, failing the subclouds named.</summary>
    private static Strategy Drive(Strategy strategy, params string[] failing)
    {
        for (var round = 0; round < 1000; round++)
        {
            var next = StrategyMachine.NextSteps(strategy);
            if (next.Count == 0)
            {
                return strategy;
            }

            foreach (var (subcloud, step) in next)
            {
                strategy = StrategyMachine.StepStarted(strategy, subcloud, step.Index, T);
            }

            foreach (var (subcloud, step) in next)
            {
                strategy = failing.Contains(subcloud)
                    ? StrategyMachine.StepFailed(strategy, subcloud, step.Index, T, "agent refused")
                    : StrategyMachine.StepSucceeded(strategy, subcloud, step.Index, T);
            }
        }

        throw new InvalidOperationException("the strategy never settled");
    }

    [Fact]
    public void D11_initial_applying_complete()
    {
        var strategy = StrategyMachine.Apply(Create(3), T);
        Assert.Equal(StrategyState.Applying, strategy.State);

        var done = Drive(strategy);

        Assert.Equal(StrategyState.Complete, done.State);
        Assert.All(done.Subclouds, s => Assert.Equal(StepState.Succeeded, s.State));
        Assert.All(done.Subclouds.SelectMany(s => s.Steps), s => Assert.Equal(StepState.Succeeded, s.State));
    }

    [Fact]
    public void D11_apply_only_from_initial_delete_only_from_initial_or_terminal()
    {
        var initial = Create(1);
        StrategyMachine.CheckDelete(initial);
        var applying = StrategyMachine.Apply(initial, T);
        Assert.Equal("D-11", Assert.Throws<DomainException>(() => StrategyMachine.Apply(applying, T)).Errors[0].Rule);
        Assert.Throws<DomainException>(() => StrategyMachine.CheckDelete(applying));
        Assert.Throws<DomainException>(() => StrategyMachine.Abort(initial, T));
        StrategyMachine.CheckDelete(Drive(applying));
    }

    [Fact]
    public void D15_at_most_max_parallel_subclouds_run_at_once_and_serial_is_one()
    {
        var parallel = StrategyMachine.Apply(Create(5, maxParallel: 2), T);
        Assert.Equal(2, StrategyMachine.NextSteps(parallel).Select(s => s.Subcloud).Distinct().Count());

        var serial = StrategyMachine.Apply(Create(3, applyType: ApplyType.Serial, maxParallel: 10), T);
        var first = Assert.Single(StrategyMachine.NextSteps(serial));
        Assert.Equal("sx1", first.Subcloud);
        Assert.Equal(0, first.Step.Index);
    }

    [Fact]
    public void D15_within_a_subcloud_steps_run_in_order()
    {
        var strategy = StrategyMachine.Apply(Create(1), T);
        var step0 = Assert.Single(StrategyMachine.NextSteps(strategy));
        strategy = StrategyMachine.StepStarted(strategy, "sx1", 0, T);
        Assert.Empty(StrategyMachine.NextSteps(strategy));
        strategy = StrategyMachine.StepSucceeded(strategy, "sx1", 0, T);
        Assert.Equal(1, Assert.Single(StrategyMachine.NextSteps(strategy)).Step.Index);
        Assert.Equal(0, step0.Step.Index);
    }

    [Fact]
    public void D16_without_stop_on_failure_the_others_finish_and_the_strategy_fails()
    {
        var done = Drive(StrategyMachine.Apply(Create(3, maxParallel: 1), T), "sx1");
        Assert.Equal(StrategyState.Failed, done.State);
        Assert.Equal([StepState.Failed, StepState.Succeeded, StepState.Succeeded], done.Subclouds.Select(s => s.State));
        Assert.Contains("sx1", done.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void D16_stop_on_failure_lets_running_subclouds_finish_and_starts_no_new_one()
    {
        var done = Drive(StrategyMachine.Apply(Create(4, stopOnFailure: true, maxParallel: 2), T), "sx1");
        Assert.Equal(StrategyState.Failed, done.State);
        Assert.Equal([StepState.Failed, StepState.Succeeded, StepState.Aborted, StepState.Aborted], done.Subclouds.Select(s => s.State));
    }

    [Fact]
    public void D11_abort_goes_through_aborting_running_subclouds_stop_after_their_step_then_aborted()
    {
        var strategy = StrategyMachine.Apply(Create(3, maxParallel: 1), T);
        strategy = StrategyMachine.StepStarted(strategy, "sx1", 0, T);

        var aborting = StrategyMachine.Abort(strategy, T);
        Assert.Equal(StrategyState.Aborting, aborting.State);
        Assert.Empty(StrategyMachine.NextSteps(aborting));

        var aborted = StrategyMachine.StepSucceeded(aborting, "sx1", 0, T);
        Assert.Equal(StrategyState.Aborted, aborted.State);
        Assert.All(aborted.Subclouds, s => Assert.Equal(StepState.Aborted, s.State));
    }

    [Fact]
    public void D17_an_offline_subcloud_pauses_and_resumes_its_step_when_back()
    {
        var strategy = StrategyMachine.Apply(Create(1), T);
        strategy = StrategyMachine.StepStarted(strategy, "sx1", 0, T);
        strategy = StrategyMachine.StepSucceeded(strategy, "sx1", 0, T);
        strategy = StrategyMachine.StepStarted(strategy, "sx1", 1, T);

        var paused = StrategyMachine.SubcloudOffline(strategy, "sx1", T);
        Assert.Equal(StepState.Paused, paused.For("sx1").State);
        Assert.Equal(StepState.Paused, paused.For("sx1").Steps[1].State);
        Assert.Equal(StrategyState.Applying, paused.State);
        Assert.Empty(StrategyMachine.NextSteps(paused));
        Assert.Equal(StrategyState.Applying, StrategyMachine.CheckPauseTimeouts(paused, T.AddMinutes(29), TimeSpan.FromMinutes(30)).State);

        var resumed = StrategyMachine.SubcloudOnline(paused, "sx1", T.AddMinutes(5));
        var again = Assert.Single(StrategyMachine.NextSteps(resumed));
        Assert.Equal(1, again.Step.Index);
        Assert.Equal(strategy.For("sx1").Steps[1].OperationId, again.Step.OperationId);
        Assert.Equal(StrategyState.Complete, Drive(resumed).State);
    }

    [Fact]
    public void D17_a_subcloud_paused_past_the_timeout_fails()
    {
        var strategy = StrategyMachine.Apply(Create(1), T);
        strategy = StrategyMachine.StepStarted(strategy, "sx1", 0, T);
        var paused = StrategyMachine.SubcloudOffline(strategy, "sx1", T);

        var timedOut = StrategyMachine.CheckPauseTimeouts(paused, T.AddMinutes(30), TimeSpan.FromMinutes(30));

        Assert.Equal(StepState.Failed, timedOut.For("sx1").State);
        Assert.Equal(StrategyState.Failed, timedOut.State);
        Assert.Contains("offline for more than 1800 s", timedOut.For("sx1").Message, StringComparison.Ordinal);
    }
}
