namespace DistributedCloud.Networking.Sites;

/// <summary>A host as the network rules see it: a name and a role.</summary>
public sealed record SiteHost(string Name, HostRole Role)
{
    /// <summary>The hosts a site of the mode starts with: controller-0 (and -1), then worker-N and storage-N.</summary>
    public static IReadOnlyList<SiteHost> ForMode(SystemMode mode, int workers = 0, int storageHosts = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        ArgumentOutOfRangeException.ThrowIfNegative(storageHosts);
        var hosts = new List<SiteHost> { new("controller-0", HostRole.Controller) };
        if (mode.HasTwoControllers())
        {
            hosts.Add(new SiteHost("controller-1", HostRole.Controller));
        }

        if (mode == SystemMode.Standard)
        {
            hosts.AddRange(Enumerable.Range(0, workers).Select(i => new SiteHost($"worker-{i}", HostRole.Worker)));
            hosts.AddRange(Enumerable.Range(0, storageHosts).Select(i => new SiteHost($"storage-{i}", HostRole.Storage)));
        }

        return hosts;
    }
}
