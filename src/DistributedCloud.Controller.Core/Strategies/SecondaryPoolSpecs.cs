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

        return keys.PoolSpec(subnet, At, mode);
    }
}
