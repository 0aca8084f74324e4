namespace DistributedCloud.Site.Hosting.Configuration;

/// <summary>What this process was started to do: serve the site, or only apply the schema (--migrate) and exit.</summary>
public sealed record HostRunMode(bool MigrateOnly);
