using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Tests.Support;
using Grpc.Core;

namespace DistributedCloud.Controller.Tests.Workflows;

/// <summary>
/// The executor and the bus end to end, on the transport a subclass names: a real SQLite file, the in-test agents,
/// the generic Host the controller composes. The same scenarios run in memory and over a real RabbitMQ.
/// </summary>
public abstract class StrategyExecutionScenarios
{
    /// <summary>The <c>Bus</c> settings of the transport under test.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string?>> Transport();

    [Fact]
    public async Task D15_a_network_mode_strategy_applies_to_completion_steps_in_order_and_at_most_max_parallel_subclouds_at_once()
    {
        await using var run = await StrategyRun.CreateAsync(("sx1", 1, "simplex"), ("sx2", 2, "simplex"), ("dx3", 3, "duplex"), ("sx4", 4, "simplex"));
        var applied = await run.ApplyAsync(maxParallel: 2);

        await using (await WorkflowHost.StartAsync(run.Db.Database, run.Agents, Transport()))
        {
            var done = await run.FinishedAsync();

            Assert.Equal(StrategyState.Complete, done.State);
            Assert.All(done.Subclouds, s => Assert.Equal(StepState.Succeeded, s.State));
        }

        // Within a subcloud the agent saw the steps in plan order, each carried out once (D-15, D-18).
        var calls = run.Agents.Calls.Where(c => c.Effective).ToArray();
        foreach (var part in applied.Subclouds)
        {
            Assert.Equal(part.Steps.Select(s => s.OperationId), calls.Where(c => c.Subcloud == part.Subcloud).Select(c => c.OperationId));
        }

        Assert.All(run.EffectiveChanges(), pair => Assert.Equal(1, pair.Value));

        // D-15: from a subcloud's first change to its last, at most two subclouds are between theirs.
        var spans = applied.Subclouds.Select(p => (First: Array.FindIndex(calls, c => c.Subcloud == p.Subcloud), Last: Array.FindLastIndex(calls, c => c.Subcloud == p.Subcloud))).ToArray();
        for (var i = 0; i < calls.Length; i++)
        {
            Assert.True(spans.Count(s => s.First <= i && i <= s.Last) <= 2, $"more than two subclouds in progress at change {i}");
        }

        // The sites ended in the new mode, and the duplex one swacted back to controller-0 (N-30 sequence).
        Assert.Contains(run.Agents.Site("sx1").NetworkAddressPools, a => a.NetworkName == "cluster-pod" && a.AddrpoolName == "cluster-pod-subnet-ipv4");
        Assert.Equal(Contracts.Agent.V1.ControllerRole.Active, run.Agents.Site("dx3").Hosts.Single(h => h.Hostname == "controller-0").Role);
        Assert.Empty(await run.Outbox.UnfinishedAsync());
    }

    [Fact]
    public async Task D18_D20_after_a_restart_with_steps_committed_but_not_published_or_finished_every_step_completes_exactly_once()
    {
        await using var run = await StrategyRun.CreateAsync(("sx1", 1, "simplex"), ("sx2", 2, "simplex"), ("dx3", 3, "duplex"));
        var applied = await run.ApplyAsync(maxParallel: 2);

        // As if the last process died right after committing two step starts (their messages never published).
        await run.Strategies.StartStepAsync("sx1", 0);
        await run.Strategies.StartStepAsync("sx2", 0);

        // The first host dies while dx3's lock of controller-1 is on the wire.
        var held = applied.Subclouds.Single(s => s.Subcloud == "dx3").Steps.First(s => s.Action.Kind == StepKind.LockHost).OperationId;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        run.Agents.BeforeChange = async (call, cancellationToken) =>
        {
            if (call.OperationId == held)
            {
                reached.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
                throw new RpcException(new Status(StatusCode.Unavailable, "the controller lost its connection"));
            }
        };
        var first = await WorkflowHost.StartAsync(run.Db.Database, run.Agents, Transport());
        await reached.Task.WaitAsync(Eventually.Limit);
        var midway = (await run.Strategies.GetAsync())!;
        release.TrySetResult();
        await first.DisposeAsync();
        run.Agents.BeforeChange = null;
        Assert.Equal(StrategyState.Applying, midway.State);
        Assert.Contains(await run.Outbox.UnfinishedAsync(), w => w.OperationId == held);

        await run.Db.ReopenAsync();
        await using (await WorkflowHost.StartAsync(run.Db.Database, run.Agents, Transport()))
        {
            var done = await run.FinishedAsync();
            Assert.Equal(StrategyState.Complete, done.State);
        }

        var changes = run.EffectiveChanges();
        Assert.Equal(StrategyRun.OperationIds(applied).Order(StringComparer.Ordinal), changes.Keys.Order(StringComparer.Ordinal));
        Assert.All(changes, pair => Assert.Equal(1, pair.Value));
        Assert.Empty(await run.Outbox.UnfinishedAsync());
    }
}
