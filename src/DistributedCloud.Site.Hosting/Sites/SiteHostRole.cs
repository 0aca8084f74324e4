namespace DistributedCloud.Site.Hosting.Sites;

/// <summary>
/// Who owns the site: its name in log lines and refusals ("agent", "controller") and whether the site is a system
/// controller's own (which may have system-controller networks).
/// </summary>
public sealed record SiteHostRole(string Name, bool IsSystemController);
