using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;

namespace DistributedCloud.Networking.Bootstrap;

/// <summary>The bootstrap keys of one platform network and how its pools are named.</summary>
public sealed record NetworkBootstrapKeys(
    NetworkType Network,
    string Prefix,
    string PoolNameStem,
    bool HasControllerAddresses,
    bool HasGateway)
{
    public string Subnet => $"{Prefix}_subnet";

    public string StartAddress => $"{Prefix}_start_address";

    public string EndAddress => $"{Prefix}_end_address";

    public string FloatingAddress => $"{Prefix}_floating_address";

    public string Node0Address => $"{Prefix}_node_0_address";

    public string Node1Address => $"{Prefix}_node_1_address";

    public string GatewayAddress => $"{Prefix}_gateway_address";

    /// <summary>Every key this network reads, subnet first.</summary>
    public IEnumerable<string> Keys()
    {
        yield return Subnet;
        yield return StartAddress;
        yield return EndAddress;
        if (HasControllerAddresses)
        {
            yield return FloatingAddress;
            yield return Node0Address;
            yield return Node1Address;
        }

        if (HasGateway)
        {
            yield return GatewayAddress;
        }
    }

    /// <summary>Pool names as the reference platform gives them: <c>oam-ipv6</c>, <c>cluster-pod-subnet-ipv4</c>, <c>pxeboot</c>.</summary>
    public string PoolName(IpFamily family) =>
        Network == NetworkType.Pxeboot ? PoolNameStem : $"{PoolNameStem}-{family.Name().ToLowerInvariant()}";

    /// <summary>The networks a bootstrap file describes, in the order they are created.</summary>
    public static IReadOnlyList<NetworkBootstrapKeys> All { get; } =
    [
        new(NetworkType.Mgmt, "management", "management", HasControllerAddresses: true, HasGateway: true),
        new(NetworkType.Pxeboot, "pxeboot", "pxeboot", HasControllerAddresses: true, HasGateway: false),
        new(NetworkType.Oam, "external_oam", "oam", HasControllerAddresses: true, HasGateway: true),
        new(NetworkType.Multicast, "management_multicast", "multicast-subnet", HasControllerAddresses: false, HasGateway: false),
        new(NetworkType.ClusterHost, "cluster_host", "cluster-host-subnet", HasControllerAddresses: true, HasGateway: false),
        new(NetworkType.ClusterPod, "cluster_pod", "cluster-pod-subnet", HasControllerAddresses: false, HasGateway: false),
        new(NetworkType.ClusterService, "cluster_service", "cluster-service-subnet", HasControllerAddresses: false, HasGateway: false),
        new(NetworkType.Admin, "admin", "admin", HasControllerAddresses: true, HasGateway: true),
    ];
}
