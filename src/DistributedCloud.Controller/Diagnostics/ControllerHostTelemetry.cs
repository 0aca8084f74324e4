using System.Diagnostics;
using System.Diagnostics.Metrics;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Controller.Diagnostics;

/// <summary>
/// The controller host's meter and activities: audit sweeps, audit calls by outcome, proxied calls, readiness, and the
/// fleet gauges an operator watches (subclouds by availability, management, sync and network mode; alarms by severity;
/// the strategy's state and its steps and subclouds by state).
/// </summary>
public sealed class ControllerHostTelemetry : IDisposable
{
    public const string Name = "DistributedCloud.Controller.Host";

    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Sweeps take from milliseconds (a few subclouds) to minutes (a large fleet on a slow store).</summary>
    private static readonly InstrumentAdvice<double> SweepBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    };

    private readonly Meter _meter;

    public ControllerHostTelemetry(IMeterFactory? meterFactory, Func<int> ready, FleetGauges? fleet = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        SweepDuration = _meter.CreateHistogram("dc.controller.audit.sweep.duration", "s", "Time for one audit sweep: every due audit called and recorded.",
            tags: null, advice: SweepBuckets);
        AuditCalls = _meter.CreateCounter<long>("dc.controller.audit.calls", "{call}", "Audit calls to agents, by outcome (ok, failed, deadline).");
        ProxiedCalls = _meter.CreateCounter<long>("dc.controller.proxied_calls", "{call}", "Platform API calls forwarded to a subcloud's agent (and the controller's own follow-up calls for admins), by method and outcome.");
        _meter.CreateObservableGauge("dc.controller.ready", ready, null, "1 when the own site and the store are open and the controller serves calls, else 0.");
        if (fleet is not null)
        {
            AddFleetGauges(fleet);
        }
    }

    public Histogram<double> SweepDuration { get; }

    public Counter<long> AuditCalls { get; }

    public Counter<long> ProxiedCalls { get; }

    public void Dispose() => _meter.Dispose();

    private void AddFleetGauges(FleetGauges fleet)
    {
        Subclouds(fleet, "availability", "Subclouds by availability (online, offline).",
            [("online", s => s.Availability == SubcloudAvailability.Online), ("offline", s => s.Availability == SubcloudAvailability.Offline)]);
        Subclouds(fleet, "management", "Subclouds by management state (managed, unmanaged).",
            [("managed", s => s.Management == ManagementState.Managed), ("unmanaged", s => s.Management == ManagementState.Unmanaged)]);
        Subclouds(fleet, "sync", "Subclouds by overall sync status (in-sync, out-of-sync, unknown; D-7).",
            Enum.GetValues<SyncStatus>().Select(status => (status.Name(), (Func<SubcloudStateCount, bool>)(s => s.Sync == status))).ToArray());
        _meter.CreateObservableGauge("dc.controller.subclouds.network_mode", () =>
            fleet.Current() is { } now
                ? from dual in new[] { true, false }
                  from family in new[] { IpFamily.IPv4, IpFamily.IPv6 }
                  select new Measurement<int>(now.Counts.Count(s => s.DualStack == dual && s.PrimaryFamily == family),
                      new("network_mode", dual ? "dual-stack" : "single-stack"), new("primary_family", family == IpFamily.IPv4 ? "ipv4" : "ipv6"))
                : [],
            "{subcloud}", "Subclouds by network mode (dual-stack, single-stack) and primary family (ipv4, ipv6).");
        _meter.CreateObservableGauge("dc.controller.alarms", () =>
            fleet.Current() is { } now
                ? FleetCounts.Severities.Select(severity => new Measurement<int>(now.Counts.Alarms(severity), new KeyValuePair<string, object?>("severity", severity)))
                : [],
            "{alarm}", "Alarms the controller holds, by severity (critical, major, minor, warning).");
        _meter.CreateObservableGauge("dc.controller.strategy.state", () =>
            fleet.Current() is { } now
                ? Enum.GetValues<StrategyState>().Select(state => new Measurement<int>(now.Strategy?.State == state ? 1 : 0, new KeyValuePair<string, object?>("state", state.Name())))
                    .Append(new Measurement<int>(now.Strategy is null ? 1 : 0, new KeyValuePair<string, object?>("state", "none")))
                : [],
            null, "1 for the current strategy's state (initial, applying, complete, failed, aborting, aborted; none without a strategy), 0 for the others.");
        _meter.CreateObservableGauge("dc.controller.strategy.step_states", () => ByStepState(fleet, p => p.Steps),
            "{step}", "Steps of the current strategy by state (succeeded = done, failed, running, pending, paused, aborted); 0 without a strategy.");
        _meter.CreateObservableGauge("dc.controller.strategy.subcloud_states", () => ByStepState(fleet, p => p.Subclouds),
            "{subcloud}", "Subclouds of the current strategy by state (succeeded = done, failed, running, pending, paused, aborted); 0 without a strategy.");
    }

    private void Subclouds(FleetGauges fleet, string label, string description, IReadOnlyList<(string Value, Func<SubcloudStateCount, bool> Which)> values) =>
        _meter.CreateObservableGauge($"dc.controller.subclouds.{label}", () =>
            fleet.Current() is { } now
                ? values.Select(v => new Measurement<int>(now.Counts.Count(v.Which), new KeyValuePair<string, object?>(label, v.Value)))
                : [],
            "{subcloud}", description);

    private static IEnumerable<Measurement<int>> ByStepState(FleetGauges fleet, Func<StrategyProgress, IReadOnlyDictionary<StepState, int>> counts) =>
        fleet.Current() is { } now
            ? Enum.GetValues<StepState>().Select(state => new Measurement<int>(
                now.Strategy is { } strategy ? counts(strategy).GetValueOrDefault(state) : 0, new KeyValuePair<string, object?>("state", state.Name())))
            : [];
}
