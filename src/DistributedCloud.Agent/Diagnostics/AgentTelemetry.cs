using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DistributedCloud.Agent.Diagnostics;

/// <summary>The agent's activity source and meter: fencing decisions, calls by arrival family, event watchers, the leadership epoch.</summary>
public sealed class AgentTelemetry : IDisposable
{
    public const string Name = "DistributedCloud.Agent";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public AgentTelemetry(IMeterFactory meterFactory, Func<long> epoch, Func<int> ready)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        FencingDecisions = _meter.CreateCounter<long>("dc.agent.fencing.decisions", "{call}",
            "Fencing checks of agent calls, by decision (accepted, advanced, stale).");
        Calls = _meter.CreateCounter<long>("dc.agent.calls", "{call}",
            "Calls served on the gRPC endpoints, by the family of the connection they arrived on (network.type ipv4, ipv6; N-35).");
        Watchers = _meter.CreateUpDownCounter<long>("dc.agent.event_watchers", "{watcher}", "WatchEvents streams open now.");
        _meter.CreateObservableGauge("dc.agent.leadership.epoch", epoch, "{epoch}", "The highest leadership epoch this agent has accepted (G-10).");
        _meter.CreateObservableGauge("dc.agent.ready", ready, null, "1 when the site is open and the agent serves calls, else 0.");
    }

    public Counter<long> FencingDecisions { get; }

    public UpDownCounter<long> Watchers { get; }

    public Counter<long> Calls { get; }

    public void Dispose() => _meter.Dispose();
}
