using System.Globalization;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>
/// Turns one secondary-subnets entry (bootstrap keys, N-21) into the secondary pool of a network, the way a bootstrap
/// file's second entries become pools: ranges from start/end, OAM addresses as given, the internal networks' controller
/// addresses taken from the start of the range when not given.
/// </summary>
public static class SecondaryPoolSpecs
{
    /// <summary>The networks an entry names (by their subnet key), in network id order.</summary>
    public static IReadOnlyList<NetworkType> NetworksOf(IReadOnlyDictionary<string, string> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return NetworkBootstrapKeys.All.Where(k => k.Keys().Any(entry.ContainsKey)).Select(k => k.Network).OrderBy(t => t.DefaultId()).ToArray();
    }

    public static AddressPoolSpec? Build(
        string subcloud,
        string entryName,
        IReadOnlyDictionary<string, string> entry,
        NetworkType network,
        IpFamily family,
        SystemMode mode,
        ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(errors);
        var keys = NetworkBootstrapKeys.All.First(k => k.Network == network);
        var field = $"secondary_subnets.{entryName}.{keys.Subnet}";
        if (!entry.TryGetValue(keys.Subnet, out var subnetText))
        {
            errors.Add("D-13", field, $"entry '{entryName}' gives addresses of {network.Name()} but not '{keys.Subnet}'");
            return null;
        }

        if (!Subnet.TryParse(subnetText, out var subnet, out var problem))
        {
            errors.Add("N-21", field, $"'{subnetText}' is not a subnet: {problem}");
            return null;
        }

        if (subnet.Family != family)
        {
            errors.Add("N-21", field,
                $"'{subnetText}' is {subnet.Family.Name()}, but the secondary family of subcloud '{subcloud}' is {family.Name()} (its primary is {family.Other().Name()})");
            return null;
        }

        string? At(string key)
        {
            if (!entry.TryGetValue(key, out var text))
            {
                return null;
            }

            if (!IpAddressMath.TryParseStrict(text, out var address) || IpFamilyExtensions.FamilyOf(address) != family)
            {
                errors.Add("N-25", $"secondary_subnets.{entryName}.{key}", $"'{text}' is not an {family.Name()} address");
                return null;
            }

            return address.ToString();
        }

        var start = At(keys.StartAddress);
        var end = At(keys.EndAddress);
        string? ranges = null;
        if (start is not null || end is not null)
        {
            ranges = $"{start ?? IpAddressMath.ToAddress(subnet.First + 1, family).ToString()}-{end ?? IpAddressMath.ToAddress(subnet.Last - 1, family).ToString()}";
        }

        string? floating = null, node0 = null, node1 = null;
        var gateway = keys.HasGateway ? At(keys.GatewayAddress) : null;
        if (keys.HasControllerAddresses)
        {
            floating = At(keys.FloatingAddress);
            node0 = At(keys.Node0Address);
            node1 = At(keys.Node1Address);
            if (network != NetworkType.Oam)
            {
                var taken = new HashSet<string?> { floating, node0, node1, gateway };
                var next = start is not null ? IpAddressMath.ToUInt128(System.Net.IPAddress.Parse(start)) : subnet.First + 1;
                string Take()
                {
                    while (next < subnet.Last && taken.Contains(IpAddressMath.ToAddress(next, family).ToString()))
                    {
                        next++;
                    }

                    var picked = IpAddressMath.ToAddress(next, family).ToString();
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
            keys.PoolName(family),
            subnet.NetworkAddress.ToString(),
            subnet.PrefixLength.ToString(CultureInfo.InvariantCulture),
            Order: null,
            Ranges: ranges,
            FloatingAddress: floating,
            Controller0Address: node0,
            Controller1Address: node1,
            GatewayAddress: gateway);
    }
}
