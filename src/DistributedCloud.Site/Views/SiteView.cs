using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Site.Alarms;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Pods;

namespace DistributedCloud.Site.Views;

/// <summary>
/// The whole site at one moment (GetSite): immutable, so readers never wait for a command. Lists are in the order the
/// platform commands print them.
/// </summary>
public sealed record SiteView(
    Guid SystemUuid,
    string? Name,
    SystemMode Mode,
    string? Release,
    IpFamily PrimaryFamily,
    bool KubernetesDualStack,
    string NetworkMode,
    long ConfigGeneration,
    IReadOnlyList<HostView> Hosts,
    IReadOnlyList<NetworkView> Networks,
    IReadOnlyList<PoolView> Pools,
    IReadOnlyList<NetworkPoolView> NetworkPools,
    IReadOnlyList<Alarm> Alarms,
    IReadOnlyList<SitePod> Pods,
    IReadOnlyList<HostOperation> RunningOperations);
