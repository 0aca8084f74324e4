namespace DistributedCloud.Networking.Networks;

/// <summary>Names and properties of <see cref="NetworkType"/> values.</summary>
public static class NetworkTypes
{
    private static readonly Dictionary<NetworkType, string> Names = new()
    {
        [NetworkType.Mgmt] = "mgmt",
        [NetworkType.Pxeboot] = "pxeboot",
        [NetworkType.Oam] = "oam",
        [NetworkType.Multicast] = "multicast",
        [NetworkType.ClusterHost] = "cluster-host",
        [NetworkType.ClusterPod] = "cluster-pod",
        [NetworkType.ClusterService] = "cluster-service",
        [NetworkType.Storage] = "storage",
        [NetworkType.Admin] = "admin",
        [NetworkType.SystemController] = "system-controller",
        [NetworkType.SystemControllerOam] = "system-controller-oam",
    };

    public static IReadOnlyCollection<NetworkType> All { get; } = Names.Keys.ToArray();

    public static string Name(this NetworkType type) => Names[type];

    public static bool TryParse(string? text, out NetworkType type)
    {
        foreach (var (key, name) in Names)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = key;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>The three networks whose dual-stackness moves together for Kubernetes (N-23, N-27).</summary>
    public static bool IsCluster(this NetworkType type) =>
        type is NetworkType.ClusterHost or NetworkType.ClusterPod or NetworkType.ClusterService;

    /// <summary>Networks whose addresses bind only to controller hosts (N-18).</summary>
    public static bool IsControllerOnly(this NetworkType type) =>
        type is NetworkType.Oam or NetworkType.Admin or NetworkType.SystemController or NetworkType.SystemControllerOam;

    /// <summary>Networks whose pools must keep a floating (and on two-controller sites, per-controller) address (N-11).</summary>
    public static bool NeedsControllerAddresses(this NetworkType type) =>
        type is NetworkType.Oam or NetworkType.Mgmt or NetworkType.Admin or NetworkType.Pxeboot;

    /// <summary>Networks whose pools are read-only once the site is configured (N-10).</summary>
    public static bool IsReadOnlyOnceConfigured(this NetworkType type) =>
        type is NetworkType.ClusterHost or NetworkType.ClusterPod or NetworkType.ClusterService
            or NetworkType.Pxeboot or NetworkType.Multicast;

    /// <summary>Networks that only a system controller has (N-13).</summary>
    public static bool IsSystemControllerOnly(this NetworkType type) =>
        type is NetworkType.SystemController or NetworkType.SystemControllerOam;

    /// <summary>Networks whose addresses are handed out to hosts as they come (shown as "dynamic").</summary>
    public static bool IsDynamic(this NetworkType type) =>
        type is NetworkType.Mgmt or NetworkType.Pxeboot or NetworkType.ClusterHost;

    /// <summary>The id a network of the type gets, as in the reference platform's network list.</summary>
    public static int DefaultId(this NetworkType type) => (int)type + 1;
}
