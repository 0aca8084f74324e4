using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Diagnostics;

/// <summary>
/// The fleet's numbers behind the controller's observable gauges (subclouds by availability, management, sync and
/// network mode; alarms by severity; the strategy's state, steps and subclouds by state). A scrape reads every gauge at
/// once: the first one asks the store (two grouped queries and one strategy row, see
/// <see cref="SubcloudRegistry.CountAsync"/> and <see cref="StrategyService.ProgressAsync"/>), the others reuse that
/// read, which is kept for <see cref="Fresh"/>: however many scrapers (a Prometheus pair, the OTLP reader) ask, the
/// store is read at most once in that time, and nothing is read between scrapes.
/// </summary>
public sealed class FleetGauges(Func<FleetSnapshot?> read, TimeProvider time, ILogger logger)
{
    /// <summary>How long one read serves: short beside a scrape interval (15-60 s) and the audit intervals.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private FleetSnapshot? _snapshot;
    private long _readAt;
    private bool _read;

    /// <summary>The numbers now (read at most once per <see cref="Fresh"/>), or null while the store is closed or unreadable.</summary>
    public FleetSnapshot? Current()
    {
        lock (_gate)
        {
            if (_read && time.GetElapsedTime(_readAt) < Fresh)
            {
                return _snapshot;
            }

            try
            {
                _snapshot = read();
            }
#pragma warning disable CA1031 // A failed read (the store busy or closing) must not fail the scrape of every other metric.
            catch (Exception failed)
#pragma warning restore CA1031
            {
                logger.FleetGaugesFailed(failed);
                _snapshot = null;
            }

            _readAt = time.GetTimestamp();
            _read = true;
            return _snapshot;
        }
    }
}

/// <summary>One read of the fleet's numbers: the subcloud and alarm counts, and the strategy's progress (null: none).</summary>
public sealed record FleetSnapshot(FleetCounts Counts, StrategyProgress? Strategy);
