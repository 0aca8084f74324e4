using DistributedCloud.Site.Hosts;

namespace DistributedCloud.Site.Drivers;

/// <summary>Settings of the simulated driver: how long each action takes (0 for tests and benchmarks).</summary>
public sealed class SimulatedHostDriverOptions
{
    /// <summary>The duration of every action without its own entry in <see cref="Durations"/>.</summary>
    public TimeSpan ActionDuration { get; set; } = TimeSpan.Zero;

    /// <summary>Per-action durations.</summary>
    public Dictionary<HostAction, TimeSpan> Durations { get; } = [];

    public TimeSpan DurationOf(HostAction action) => Durations.TryGetValue(action, out var duration) ? duration : ActionDuration;
}
