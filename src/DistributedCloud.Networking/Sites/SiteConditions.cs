namespace DistributedCloud.Networking.Sites;

/// <summary>
/// Facts about a site's hosts and software that some network rules depend on (N-10, the runtime table). The host
/// model owns them; the network rules only read them.
/// </summary>
public sealed record SiteConditions(bool UpgradeInProgress = false, bool SimplexControllerLocked = false)
{
    public static SiteConditions Default { get; } = new();
}
