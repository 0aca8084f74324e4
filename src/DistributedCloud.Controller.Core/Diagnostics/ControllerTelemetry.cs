using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DistributedCloud.Controller.Core.Diagnostics;

/// <summary>The controller core's activity source and meter: commands, audits, strategy steps, workflows.</summary>
public sealed class ControllerTelemetry : IDisposable
{
    public const string Name = "DistributedCloud.Controller";

    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Millisecond buckets from half a millisecond to ten seconds (commands are fast; a slow store shows at the top).</summary>
    private static readonly InstrumentAdvice<double> MillisecondBuckets = new()
    {
        HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
    };

    private readonly Meter _meter;

    public ControllerTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        Commands = _meter.CreateCounter<long>("dc.controller.commands", "{command}", "Controller commands, by command and outcome.");
        CommandDuration = _meter.CreateHistogram("dc.controller.command.duration", "ms", "Time to check and store one controller command.", tags: null, advice: MillisecondBuckets);
        Audits = _meter.CreateCounter<long>("dc.controller.audits", "{audit}", "Subcloud audits, by kind and outcome.");
        AvailabilityChanges = _meter.CreateCounter<long>("dc.controller.availability_changes", "{change}", "Subclouds going offline or coming back online.");
        StrategySteps = _meter.CreateCounter<long>("dc.controller.strategy_steps", "{step}", "Strategy steps finished, by kind and outcome.");
        Workflows = _meter.CreateCounter<long>("dc.controller.workflows", "{workflow}", "Workflows queued and finished, by kind and state.");
        WorkflowsPublished = _meter.CreateCounter<long>("dc.controller.workflows.published", "{message}", "RunWorkflow messages published from the outbox, by kind.");
        WorkflowsConsumed = _meter.CreateCounter<long>("dc.controller.workflows.consumed", "{message}", "RunWorkflow messages consumed, by kind and outcome (succeeded, failed, deferred, duplicate).");
        WorkflowDuration = _meter.CreateHistogram("dc.controller.workflow.duration", "ms", "Time one consumer spent running a workflow (agent calls and waiting), by kind and outcome.", tags: null, advice: MillisecondBuckets);
        OutboxLag = _meter.CreateHistogram("dc.controller.outbox.lag", "ms", "Time from a message's commit to its publication.", tags: null, advice: MillisecondBuckets);
    }

    public Counter<long> Commands { get; }

    public Histogram<double> CommandDuration { get; }

    public Counter<long> Audits { get; }

    public Counter<long> AvailabilityChanges { get; }

    public Counter<long> StrategySteps { get; }

    public Counter<long> Workflows { get; }

    public Counter<long> WorkflowsPublished { get; }

    public Counter<long> WorkflowsConsumed { get; }

    public Histogram<double> WorkflowDuration { get; }

    public Histogram<double> OutboxLag { get; }

    public void Dispose() => _meter.Dispose();
}
