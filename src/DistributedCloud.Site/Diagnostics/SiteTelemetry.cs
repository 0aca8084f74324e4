using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DistributedCloud.Site.Diagnostics;

/// <summary>The component's activity source and meter: commands, host actions and their outcomes.</summary>
public sealed class SiteTelemetry : IDisposable
{
    public const string Name = "DistributedCloud.Site";

    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Millisecond buckets from half a millisecond to ten seconds (commands are fast; a slow store shows at the top).</summary>
    private static readonly InstrumentAdvice<double> MillisecondBuckets = new()
    {
        HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
    };

    private readonly Meter _meter;

    public SiteTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        Commands = _meter.CreateCounter<long>("dc.site.commands", "{command}", "Platform commands run on the site, by command and outcome.");
        CommandDuration = _meter.CreateHistogram("dc.site.command.duration", "ms", "Time to check, store and render one platform command.", tags: null, advice: MillisecondBuckets);
        HostActions = _meter.CreateCounter<long>("dc.site.host_actions", "{action}", "Host actions finished, by action and outcome.");
        ConfigChanges = _meter.CreateCounter<long>("dc.site.config_changes", "{change}", "Configuration changes applied, by Kubernetes transition.");
    }

    public Counter<long> Commands { get; }

    public Histogram<double> CommandDuration { get; }

    public Counter<long> HostActions { get; }

    public Counter<long> ConfigChanges { get; }

    public void Dispose() => _meter.Dispose();
}
