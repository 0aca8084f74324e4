using System.Diagnostics.Metrics;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Workflows;
using DistributedCloud.Controller.Core.Workflows.Execution;
using DistributedCloud.Controller.Tests.Support;
using MassTransit;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Tests.Workflows;

/// <summary>The workflow bus on the in-memory transport (the embedded default, D-21), and what only it needs to show.</summary>
public sealed class InMemoryWorkflowBusTests : StrategyExecutionScenarios
{
    protected override IEnumerable<KeyValuePair<string, string?>> Transport() => [new("Bus:Transport", "InMemory")];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task D16_a_step_the_agent_refuses_fails_its_subcloud_with_the_agents_reason_and_stop_on_failure_starts_no_more(bool stopOnFailure)
    {
        await using var run = await StrategyRun.CreateAsync(("sx1", 1, "simplex"), ("sx2", 2, "simplex"), ("sx3", 3, "simplex"));
        var applied = await run.ApplyAsync(ApplyType.Serial, stopOnFailure: stopOnFailure);
        var order = applied.Subclouds.OrderBy(s => s.Order).Select(s => s.Subcloud).ToArray();
        run.Agents.Refuse = (subcloud, change) => subcloud == order[1] && change.StartsWith("assign oam-ipv4", StringComparison.Ordinal)
            ? "N-17: the site refuses this change"
            : null;

        await using (await WorkflowHost.StartAsync(run.Db.Database, run.Agents, Transport()))
        {
            var done = await run.FinishedAsync();

            Assert.Equal(StrategyState.Failed, done.State);
            Assert.Equal(StepState.Succeeded, done.For(order[0]).State);
            var failed = done.For(order[1]);
            Assert.Equal(StepState.Failed, failed.State);
            Assert.Contains("N-17: the site refuses this change", failed.Message, StringComparison.Ordinal);
            Assert.Equal(StepState.Failed, failed.Steps[1].State);
            Assert.Equal(StepState.Pending, failed.Steps[2].State);
            if (stopOnFailure)
            {
                Assert.Equal(StepState.Aborted, done.For(order[2]).State);
                Assert.DoesNotContain(run.Agents.Calls, c => c.Subcloud == order[2]);
            }
            else
            {
                Assert.Equal(StepState.Succeeded, done.For(order[2]).State);
            }

            var workflow = await run.Outbox.GetAsync(failed.Steps[1].OperationId);
            Assert.Equal(WorkflowState.Failed, workflow!.State);
        }
    }

    [Fact]
    public async Task D17_an_unreachable_agent_leaves_the_step_running_and_it_completes_once_the_agent_is_back()
    {
        await using var run = await StrategyRun.CreateAsync(("sx1", 1, "simplex"));
        var applied = await run.ApplyAsync();
        run.Agents.SetReachable("sx1", false);
        var first = applied.Subclouds[0].Steps[0].OperationId;

        await using (await WorkflowHost.StartAsync(run.Db.Database, run.Agents, Transport()))
        {
            await Eventually.WaitAsync(() => Task.FromResult(run.Agents.Calls.Count(c => c.OperationId == first)), n => n >= 3, "three tries of the first step");
            var waiting = (await run.Strategies.GetAsync())!;
            Assert.Equal(StrategyState.Applying, waiting.State);
            Assert.Equal(StepState.Running, waiting.For("sx1").Steps[0].State);
            Assert.Equal(WorkflowState.Running, (await run.Outbox.GetAsync(first))!.State);

            run.Agents.SetReachable("sx1", true);
            var done = await run.FinishedAsync();

            Assert.Equal(StrategyState.Complete, done.State);
        }

        Assert.Equal(StrategyRun.OperationIds(applied).Order(StringComparer.Ordinal), run.EffectiveChanges().Keys.Order(StringComparer.Ordinal));
        Assert.All(run.EffectiveChanges(), pair => Assert.Equal(1, pair.Value));
    }

    [Fact]
    public async Task D21_a_redelivered_RunWorkflow_for_a_finished_workflow_calls_the_agent_zero_more_times()
    {
        await using var run = await StrategyRun.CreateAsync(("sx1", 1, "simplex"));
        var applied = await run.ApplyAsync();
        using var duplicates = new DuplicateCounter(run.Db.Database.Telemetry.WorkflowsConsumed);

        await using var host = await WorkflowHost.StartAsync(run.Db.Database, run.Agents, Transport());
        await run.FinishedAsync();
        var before = run.Agents.Calls.Count;
        var steps = applied.Subclouds[0].Steps;
        foreach (var step in steps)
        {
            await host.Get<IBus>().Publish(new RunWorkflow(step.OperationId, WorkflowKinds.StrategyStep, "sx1"));
        }

        await Eventually.WaitAsync(() => Task.FromResult(duplicates.Count), n => n >= steps.Count, "every redelivery consumed");
        Assert.Equal(before, run.Agents.Calls.Count);
        Assert.Equal(StrategyState.Complete, (await run.Strategies.GetAsync())!.State);
    }

    [Fact]
    public async Task D19_host_workflows_lock_through_the_controller_count_an_already_locked_host_as_done_and_fail_with_the_agents_reason()
    {
        await using var run = await StrategyRun.CreateAsync(("dx1", 1, "duplex"));
        await using var host = await WorkflowHost.StartAsync(run.Db.Database, run.Agents, Transport());
        var workflows = host.Get<HostWorkflows>();

        var locked = await FinishedAsync(run, await workflows.EnqueueAsync("dx1", HostAction.Lock, "controller-1", force: false));
        var again = await FinishedAsync(run, await workflows.EnqueueAsync("dx1", HostAction.Lock, "controller-1", force: false));
        var active = await FinishedAsync(run, await workflows.EnqueueAsync("dx1", HostAction.Lock, "controller-0", force: false));

        Assert.Equal(WorkflowState.Succeeded, locked.State);
        Assert.Equal(AdministrativeState.Locked, run.Agents.Site("dx1").Hosts.Single(h => h.Hostname == "controller-1").Administrative);
        Assert.Equal(WorkflowState.Succeeded, again.State);
        Assert.Contains("already", again.Result, StringComparison.Ordinal);
        Assert.Equal(WorkflowState.Failed, active.State);
        Assert.Contains("H-3", active.Result, StringComparison.Ordinal);
        Assert.Equal(1, run.EffectiveChanges()[locked.OperationId]);
    }

    [Fact]
    public async Task D21_every_bad_bus_and_workflow_key_is_listed_when_the_host_starts()
    {
        await using var db = await TempDatabase.CreateAsync();
        using var host = WorkflowHost.Build(db.Database, new FakeAgents(),
        [
            new("Bus:Transport", "Kafka"),
            new("Bus:RabbitMq:Port", "amqp"),
            new("Bus:Rabbit:Host", "typo"),
            new("Workflows:AgentRetryDelay", "soon"),
        ]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("Bus:Transport 'Kafka'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Bus:RabbitMq:Port 'amqp'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Bus:Rabbit is not a setting", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Workflows:AgentRetryDelay 'soon'", StringComparison.Ordinal));
    }

    private static Task<Workflow> FinishedAsync(StrategyRun run, string operationId) =>
        Eventually.WaitAsync(async () => (await run.Outbox.GetAsync(operationId))!, w => w.IsFinished, $"workflow {operationId} finishing");

    /// <summary>Counts RunWorkflow deliveries the consumer recognised as already done (the metric's duplicate outcome).</summary>
    private sealed class DuplicateCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _count;

        public DuplicateCounter(Counter<long> consumed)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument, consumed))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "outcome" && Equals(tag.Value, "duplicate"))
                    {
                        Interlocked.Add(ref _count, (int)value);
                    }
                }
            });
            _listener.Start();
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
