using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DistributedCloud.Site.Diagnostics;

/// <summary>The component's activity source and meter: commands, host actions and their outcomes.</summary>
public sealed class SiteTelemetry : IDisposable
{
    public const string Name = "DistributedCloud.Site";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public SiteTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        Commands = _meter.CreateCounter<long>("dc.site.commands", "{command}", "Platform commands run on the site, by command and outcome.");
        CommandDuration = _meter.CreateHistogram<double>("dc.site.command.duration", "ms", "Time to check, store and render one platform command.");
        HostActions = _meter.CreateCounter<long>("dc.site.host_actions", "{action}", "Host actions finished, by action and outcome.");
        ConfigChanges = _meter.CreateCounter<long>("dc.site.config_changes", "{change}", "Configuration changes applied, by Kubernetes transition.");
    }

    public Counter<long> Commands { get; }

    public Histogram<double> CommandDuration { get; }

    public Counter<long> HostActions { get; }

    public Counter<long> ConfigChanges { get; }

    public void Dispose() => _meter.Dispose();
}
