using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DistributedCloud.Controller.Diagnostics;

/// <summary>The controller host's meter and activities: audit sweeps, audit calls by outcome, proxied calls, readiness.</summary>
public sealed class ControllerHostTelemetry : IDisposable
{
    public const string Name = "DistributedCloud.Controller.Host";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public ControllerHostTelemetry(IMeterFactory? meterFactory, Func<int> ready)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        SweepDuration = _meter.CreateHistogram<double>("dc.controller.audit.sweep.duration", "s", "Time for one audit sweep: every due audit called and recorded.");
        AuditCalls = _meter.CreateCounter<long>("dc.controller.audit.calls", "{call}", "Audit calls to agents, by outcome (ok, failed, deadline).");
        ProxiedCalls = _meter.CreateCounter<long>("dc.controller.proxied_calls", "{call}", "Admin API calls proxied to a subcloud's agent, by method and outcome.");
        _meter.CreateObservableGauge("dc.controller.ready", ready, null, "1 when the own site and the store are open and the controller serves calls, else 0.");
    }

    public Histogram<double> SweepDuration { get; }

    public Counter<long> AuditCalls { get; }

    public Counter<long> ProxiedCalls { get; }

    public void Dispose() => _meter.Dispose();
}
