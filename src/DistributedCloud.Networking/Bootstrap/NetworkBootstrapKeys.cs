using System.Globalization;
using System.Net;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;

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

    /// <summary>
    /// The pool one subnet of this network becomes, from the address keys <paramref name="addressOf"/> gives (already
    /// checked to be of the subnet's family; null when not given): ranges from start/end, OAM addresses as stated,
    /// the internal networks' floating and controller addresses taken from the start of the range when not given,
    /// as the reference platform does. Used for bootstrap files and for strategies' secondary subnets alike.
    /// </summary>
    public AddressPoolSpec PoolSpec(Subnet subnet, Func<string, string?> addressOf, SystemMode mode)
    {
        ArgumentNullException.ThrowIfNull(addressOf);
        var start = addressOf(StartAddress);
        var end = addressOf(EndAddress);
        string? ranges = null;
        if (start is not null || end is not null)
        {
            ranges = $"{start ?? IpAddressMath.ToAddress(subnet.First + 1, subnet.Family).ToString()}-{end ?? IpAddressMath.ToAddress(subnet.Last - 1, subnet.Family).ToString()}";
        }

        var gateway = HasGateway ? addressOf(GatewayAddress) : null;
        string? floating = null, node0 = null, node1 = null;
        if (HasControllerAddresses)
        {
            floating = addressOf(FloatingAddress);
            node0 = addressOf(Node0Address);
            node1 = addressOf(Node1Address);

            // OAM addresses face the outside world: an operator states them.
            if (Network != NetworkType.Oam)
            {
                var taken = new HashSet<string?> { floating, node0, node1, gateway };
                var next = start is not null ? IpAddressMath.ToUInt128(IPAddress.Parse(start)) : subnet.First + 1;
                string Take()
                {
                    // Past the subnet's end the pick stays on the last address; the pool rules then say why.
                    while (next < subnet.Last && taken.Contains(IpAddressMath.ToAddress(next, subnet.Family).ToString()))
                    {
                        next++;
                    }

                    var picked = IpAddressMath.ToAddress(next, subnet.Family).ToString();
                    taken.Add(picked);
                    return picked;
                }

                floating ??= Take();
                node0 ??= Take();
                if (mode.HasTwoControllers())
                {
                    node1 ??= Take();
                }
            }
        }

        return new AddressPoolSpec(
            PoolName(subnet.Family),
            subnet.NetworkAddress.ToString(),
            subnet.PrefixLength.ToString(CultureInfo.InvariantCulture),
            Order: null,
            Ranges: ranges,
            FloatingAddress: floating,
            Controller0Address: node0,
            Controller1Address: node1,
            GatewayAddress: gateway);
    }

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
