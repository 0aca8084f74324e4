namespace DistributedCloud.Networking.Bootstrap;

/// <summary>The site-level keys of a bootstrap file (the network keys are in <see cref="NetworkBootstrapKeys"/>).</summary>
public static class BootstrapKeys
{
    public const string SystemMode = "system_mode";
    public const string WorkerCount = "worker_count";
    public const string StorageCount = "storage_count";
    public const string DnsServers = "dns_servers";
    public const string Name = "name";
    public const string Release = "software_version";

    private static readonly HashSet<string> Known = BuildKnown();

    public static bool IsKnown(string key) => Known.Contains(key);

    private static HashSet<string> BuildKnown()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { SystemMode, WorkerCount, StorageCount, DnsServers, Name, Release };
        foreach (var network in NetworkBootstrapKeys.All)
        {
            keys.UnionWith(network.Keys());
        }

        return keys;
    }
}
