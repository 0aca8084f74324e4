using DistributedCloud.Site.Hosting.Configuration;

namespace DistributedCloud.Site.Hosting;

/// <summary>What differs between the site hosts' start sequences (<see cref="SiteHostExtensions.RunSiteHostAsync"/>).</summary>
public sealed record SiteHostRun
{
    /// <summary>The executable's name in messages ("DistributedCloud.Agent").</summary>
    public required string Program { get; init; }

    /// <summary>The gRPC service it serves, for the "listening" line.</summary>
    public required string Service { get; init; }

    /// <summary>The document that explains the settings ("docs/agent.md").</summary>
    public required string Documentation { get; init; }

    /// <summary>Reads each options type so every bad key is reported at once (the host's own and the gRPC server's).</summary>
    public required IReadOnlyList<Func<IServiceProvider, object>> Settings { get; init; }

    /// <summary>The host's site settings (read after validation).</summary>
    public required Func<IServiceProvider, SiteHostOptions> SiteSettings { get; init; }

    /// <summary>--migrate: the databases migrated, each with the migrations applied now.</summary>
    public required Func<IServiceProvider, Task<IReadOnlyList<(string Database, IReadOnlyList<string> Applied)>>> Migrate { get; init; }

    /// <summary>Runs on the data directory before the site opens (the agent reads its leadership record).</summary>
    public Action<IServiceProvider, string>? Prepare { get; init; }

    /// <summary>After the listeners are bound and the site opened (the controller opens its store); may refuse the start.</summary>
    public Func<IServiceProvider, CancellationToken, Task>? Opened { get; init; }
}
