using System.Diagnostics.Metrics;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Diagnostics;
using DistributedCloud.Networking.Addressing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DistributedCloud.Controller.Tests.HostParts;

/// <summary>The controller's fleet gauges: one store read serves a whole scrape, and every gauge reports every state.</summary>
public sealed class FleetGaugesTests
{
    private static readonly FleetCounts Counts = new(
        [
            new SubcloudStateCount(SubcloudAvailability.Online, ManagementState.Managed, SyncStatus.InSync, DualStack: false, IpFamily.IPv6, 3),
            new SubcloudStateCount(SubcloudAvailability.Offline, ManagementState.Managed, SyncStatus.Unknown, DualStack: true, IpFamily.IPv6, 1),
            new SubcloudStateCount(SubcloudAvailability.Offline, ManagementState.Unmanaged, SyncStatus.Unknown, DualStack: false, IpFamily.IPv4, 2),
        ],
        new Dictionary<string, int> { ["critical"] = 1, ["major"] = 2 });

    private static readonly StrategyProgress Applying = new(Guid.NewGuid(), StrategyType.NetworkMode, StrategyState.Applying, DateTimeOffset.UnixEpoch,
        new Dictionary<StepState, int> { [StepState.Succeeded] = 7, [StepState.Failed] = 1, [StepState.Pending] = 4 },
        new Dictionary<StepState, int> { [StepState.Succeeded] = 2, [StepState.Failed] = 1, [StepState.Running] = 1 });

    [Fact]
    public void One_read_serves_every_gauge_of_a_scrape_and_the_next_scrape_reads_again()
    {
        var time = new FakeTimeProvider();
        var reads = 0;
        var gauges = new FleetGauges(() => { reads++; return new FleetSnapshot(Counts, null); }, time, NullLogger.Instance);

        var factory = new TestMeterFactory();
        using var telemetry = new ControllerHostTelemetry(factory, () => 1, gauges);
        Assert.Equal(34, Scrape(factory).Count - 1); // every series but dc.controller.ready
        Assert.Equal(1, reads);

        Scrape(factory);
        Assert.Equal(1, reads);
        time.Advance(FleetGauges.Fresh);
        Scrape(factory);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void The_gauges_report_each_state_zeros_included()
    {
        var gauges = new FleetGauges(() => new FleetSnapshot(Counts, Applying), new FakeTimeProvider(), NullLogger.Instance);
        var factory = new TestMeterFactory();
        using var telemetry = new ControllerHostTelemetry(factory, () => 1, gauges);

        var values = Scrape(factory);

        Assert.Equal(3, values[("dc.controller.subclouds.availability", "availability=online")]);
        Assert.Equal(3, values[("dc.controller.subclouds.availability", "availability=offline")]);
        Assert.Equal(4, values[("dc.controller.subclouds.management", "management=managed")]);
        Assert.Equal(2, values[("dc.controller.subclouds.management", "management=unmanaged")]);
        Assert.Equal(3, values[("dc.controller.subclouds.sync", "sync=in-sync")]);
        Assert.Equal(0, values[("dc.controller.subclouds.sync", "sync=out-of-sync")]);
        Assert.Equal(3, values[("dc.controller.subclouds.sync", "sync=unknown")]);
        Assert.Equal(1, values[("dc.controller.subclouds.network_mode", "network_mode=dual-stack,primary_family=ipv6")]);
        Assert.Equal(3, values[("dc.controller.subclouds.network_mode", "network_mode=single-stack,primary_family=ipv6")]);
        Assert.Equal(2, values[("dc.controller.subclouds.network_mode", "network_mode=single-stack,primary_family=ipv4")]);
        Assert.Equal(0, values[("dc.controller.subclouds.network_mode", "network_mode=dual-stack,primary_family=ipv4")]);
        Assert.Equal((1, 2, 0, 0), (values[("dc.controller.alarms", "severity=critical")], values[("dc.controller.alarms", "severity=major")],
            values[("dc.controller.alarms", "severity=minor")], values[("dc.controller.alarms", "severity=warning")]));
        Assert.Equal(1, values[("dc.controller.strategy.state", "state=applying")]);
        Assert.Equal(0, values[("dc.controller.strategy.state", "state=none")]);
        Assert.Equal(0, values[("dc.controller.strategy.state", "state=complete")]);
        Assert.Equal((7, 1, 4, 0), (values[("dc.controller.strategy.step_states", "state=succeeded")], values[("dc.controller.strategy.step_states", "state=failed")],
            values[("dc.controller.strategy.step_states", "state=pending")], values[("dc.controller.strategy.step_states", "state=running")]));
        Assert.Equal((2, 1, 1), (values[("dc.controller.strategy.subcloud_states", "state=succeeded")], values[("dc.controller.strategy.subcloud_states", "state=failed")],
            values[("dc.controller.strategy.subcloud_states", "state=running")]));
    }

    [Fact]
    public void Without_a_strategy_its_state_is_none_and_a_closed_or_failing_store_gives_no_fleet_numbers()
    {
        var factory = new TestMeterFactory();
        var snapshot = (FleetSnapshot?)new FleetSnapshot(Counts, null);
        var time = new FakeTimeProvider();
        using var telemetry = new ControllerHostTelemetry(factory, () => 1, new FleetGauges(() => snapshot ?? throw new InvalidOperationException("store closing"), time, NullLogger.Instance));

        var none = Scrape(factory);
        Assert.Equal(1, none[("dc.controller.strategy.state", "state=none")]);
        Assert.Equal(0, none[("dc.controller.strategy.state", "state=applying")]);
        Assert.Equal(0, none[("dc.controller.strategy.step_states", "state=succeeded")]);

        snapshot = null;
        time.Advance(FleetGauges.Fresh);
        var failed = Scrape(factory);
        Assert.Equal([("dc.controller.ready", "")], failed.Keys);
    }

    /// <summary>Every observable instrument of the factory's meters read once, as a scrape does: (instrument, "k=v,...") to value.</summary>
    private static Dictionary<(string Instrument, string Tags), long> Scrape(TestMeterFactory factory)
    {
        var values = new Dictionary<(string, string), long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ControllerHostTelemetry.Name && instrument.Meter.Scope == factory && instrument.IsObservable)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
            values[(instrument.Name, string.Join(',', tags.ToArray().Select(t => $"{t.Key}={t.Value}")))] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options.Name, options.Version, options.Tags, scope: this);

        public void Dispose()
        {
        }
    }
}
