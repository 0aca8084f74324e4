namespace DistributedCloud.Site.Hosting.Configuration;

/// <summary>
/// The settings of a process that owns a site (the agent's section "Agent", the controller's "Controller"): from the
/// command line, environment variables (<c>Section__Key</c>) or a JSON file (<c>--config</c>). Durations are text
/// ("500ms", "5s", "2m", "00:00:05") so that a bad one is reported with every other bad key instead of failing the binding.
/// </summary>
public class SiteHostOptions
{
    /// <summary>The bootstrap file the site is created from on the first start (--bootstrap).</summary>
    public string? Bootstrap { get; set; }

    /// <summary>Where the site's database and rendered artifacts live (--data-dir).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>gRPC endpoints, "http://[fd01::2]:50052" or "https://10.10.10.2:50052" (--listen, repeatable).</summary>
    public List<string> Listen { get; set; } = [];

    /// <summary>The plain HTTP/1.1 endpoint of /healthz, /readyz and /metrics (--http-listen); none when empty.</summary>
    public string? HttpListen { get; set; }

    /// <summary>"simulated" (default) or "exec" (--host-driver).</summary>
    public string HostDriver { get; set; } = "simulated";

    /// <summary>How long each simulated host action takes (--action-delay); the exec driver ignores it.</summary>
    public string ActionDelay { get; set; } = "0s";

    /// <summary>Apply schema migrations when the site opens; false when a separate --migrate step does it (systemd).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>How long a stop waits for running host actions before leaving them to the next start's recovery.</summary>
    public string ShutdownGrace { get; set; } = "5s";

    public ExecDriverSettings Exec { get; set; } = new();

    /// <summary>The listen URLs that are set (empty entries, which mask lower configuration sources, left out).</summary>
    public IEnumerable<string> ListenUrls => Listen.Where(l => !string.IsNullOrWhiteSpace(l));
}
