using System.Globalization;
using System.Net;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Networking.Pools;

/// <summary>
/// Checks a pool spec against N-1..N-6 and reports every problem at once (N-7). Rules that need the rest of the
/// site (name conflicts, network association, read-only networks) live in <c>SiteNetworks</c>.
/// </summary>
public static class AddressPoolValidator
{
    public static AddressPoolDefinition? Validate(AddressPoolSpec spec, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Errors.Count;
        var label = string.IsNullOrWhiteSpace(spec.Name) ? "the pool" : $"pool '{spec.Name}'";

        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            errors.Add("N-4", AddressPoolFields.Name, "the pool name is empty; give the pool a name such as 'oam-ipv4'");
        }

        var subnet = ValidateSubnet(spec, label, errors);
        var order = ValidateOrder(spec.Order, label, errors);
        var ranges = subnet is { } s ? ValidateRanges(spec.Ranges, s, label, errors) : null;
        var addresses = subnet is { } s2 ? ValidateAddresses(spec, s2, ranges, label, errors) : null;

        if (errors.Errors.Count != before || subnet is null || ranges is null || addresses is null)
        {
            return null;
        }

        return new AddressPoolDefinition(
            spec.Name.Trim(), subnet.Value, order, ranges,
            addresses[0], addresses[1], addresses[2], addresses[3]);
    }

    private static Subnet? ValidateSubnet(AddressPoolSpec spec, string label, ErrorCollector errors)
    {
        var networkOk = IpAddressMath.TryParseStrict(spec.Network?.Trim(), out var network);
        if (!networkOk)
        {
            errors.Add("N-4", AddressPoolFields.Network, $"'{spec.Network}' of {label} is not an IPv4 or IPv6 address");
        }

        var prefixText = spec.Prefix?.Trim();
        if (!int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefixText!.Length > 3)
        {
            errors.Add("N-4", AddressPoolFields.Prefix, $"'{spec.Prefix}' of {label} is not a prefix length (a whole number such as 24 or 64)");
            return null;
        }

        if (!networkOk)
        {
            return null;
        }

        var family = IpFamilyExtensions.FamilyOf(network);
        if (prefix > family.Width())
        {
            errors.Add("N-4", AddressPoolFields.Prefix,
                $"prefix {prefix} of {label} is longer than an {family.Name()} address ({family.Width()} bits)");
            return null;
        }

        if (!Subnet.TryCreate(network, prefix, out var subnet, out var problem))
        {
            errors.Add("N-4", AddressPoolFields.Network, $"{problem}; give the network address of {label}");
            return null;
        }

        var ok = true;
        if (subnet.HostBits < 2)
        {
            var longest = family.Width() - 2;
            errors.Add("N-3", AddressPoolFields.Prefix,
                $"{subnet} of {label} holds fewer than 4 addresses; use a prefix of {longest} or shorter");
            ok = false;
        }

        if (!AddressClass.IsUnicast(subnet) && !AddressClass.IsMulticast(subnet))
        {
            errors.Add("N-4", AddressPoolFields.Network,
                $"{subnet} of {label} is neither a unicast nor a multicast network (unspecified, loopback or reserved space)");
            ok = false;
        }

        return ok ? subnet : null;
    }

    private static AllocationOrder ValidateOrder(string? order, string label, ErrorCollector errors)
    {
        switch (order?.Trim().ToLowerInvariant())
        {
            case null or "" or "random":
                return AllocationOrder.Random;
            case "sequential":
                return AllocationOrder.Sequential;
            default:
                errors.Add("N-1", AddressPoolFields.Order, $"'{order}' is not an allocation order of {label}; use 'random' or 'sequential'");
                return AllocationOrder.Random;
        }
    }

    private static List<AddressRange>? ValidateRanges(string? text, Subnet subnet, string label, ErrorCollector errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            // N-2: the whole subnet less the network address and the last address.
            return [new AddressRange(subnet.First + 1, subnet.Last - 1, subnet.Family)];
        }

        if (!AddressRangeText.TryParsePairs(text, out var pairs, out var problem))
        {
            errors.Add("N-5", AddressPoolFields.Ranges, $"{problem} (in the ranges of {label}); write ranges as START-END[,START-END]");
            return null;
        }

        var ranges = new List<AddressRange>();
        var ok = true;
        foreach (var (start, end) in pairs)
        {
            var text1 = $"{start}-{end}";
            if (IpFamilyExtensions.FamilyOf(start) != subnet.Family || IpFamilyExtensions.FamilyOf(end) != subnet.Family)
            {
                errors.Add("N-5", AddressPoolFields.Ranges, $"range {text1} of {label} is not of the network's family {subnet.Family.Name()}");
                ok = false;
                continue;
            }

            var s = IpAddressMath.ToUInt128(start);
            var e = IpAddressMath.ToUInt128(end);
            var rangeOk = true;
            if (!subnet.Contains(s) || !subnet.Contains(e))
            {
                errors.Add("N-5", AddressPoolFields.Ranges, $"range {text1} of {label} is not inside {subnet}");
                rangeOk = false;
            }

            if (s > e)
            {
                errors.Add("N-5", AddressPoolFields.Ranges, $"range {text1} of {label} starts after it ends; write the lower address first");
                rangeOk = false;
            }

            if (s == subnet.First)
            {
                errors.Add("N-5", AddressPoolFields.Ranges, $"range {text1} of {label} starts at the network address {subnet.NetworkAddress}; start at the next address");
                rangeOk = false;
            }

            if (subnet.IsBroadcast(e))
            {
                errors.Add("N-5", AddressPoolFields.Ranges, $"range {text1} of {label} ends at the broadcast address {subnet.LastAddress}; end one address lower");
                rangeOk = false;
            }

            if (rangeOk)
            {
                ranges.Add(new AddressRange(s, e, subnet.Family));
            }
            else
            {
                ok = false;
            }
        }

        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Overlaps(ranges[i - 1]))
            {
                errors.Add("N-5", AddressPoolFields.Ranges, $"ranges {ranges[i - 1]} and {ranges[i]} of {label} overlap; merge them or make them disjoint");
                ok = false;
            }
        }

        return ok ? ranges : null;
    }

    private static IPAddress?[]? ValidateAddresses(AddressPoolSpec spec, Subnet subnet, List<AddressRange>? ranges, string label, ErrorCollector errors)
    {
        (string Field, string? Text, bool MustBeInRanges)[] inputs =
        [
            (AddressPoolFields.FloatingAddress, spec.FloatingAddress, true),
            (AddressPoolFields.Controller0Address, spec.Controller0Address, true),
            (AddressPoolFields.Controller1Address, spec.Controller1Address, true),
            (AddressPoolFields.GatewayAddress, spec.GatewayAddress, false),
        ];
        var result = new IPAddress?[inputs.Length];
        var ok = true;
        for (var i = 0; i < inputs.Length; i++)
        {
            var (field, text, mustBeInRanges) = inputs[i];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!IpAddressMath.TryParseStrict(text.Trim(), out var address))
            {
                errors.Add("N-6", field, $"'{text}' of {label} is not an IP address");
                ok = false;
                continue;
            }

            if (IpFamilyExtensions.FamilyOf(address) != subnet.Family)
            {
                errors.Add("N-6", field, $"{address} of {label} is {IpFamilyExtensions.FamilyOf(address).Name()} but the pool is {subnet.Family.Name()}");
                ok = false;
                continue;
            }

            var value = IpAddressMath.ToUInt128(address);
            if (!subnet.Contains(value))
            {
                errors.Add("N-6", field, $"{address} of {label} is not inside {subnet}");
                ok = false;
                continue;
            }

            if (value == subnet.First)
            {
                errors.Add("N-6", field, $"{address} of {label} is the network address; pick a host address");
                ok = false;
                continue;
            }

            if (subnet.IsBroadcast(value))
            {
                errors.Add("N-6", field, $"{address} of {label} is the broadcast address; pick a host address");
                ok = false;
                continue;
            }

            // The union of the ranges, not every range (upstream checks every range, which no two ranges can satisfy).
            if (mustBeInRanges && ranges is not null && !ranges.Any(r => r.Contains(value)))
            {
                errors.Add("N-6", field, $"{address} of {label} lies outside the pool's ranges ({string.Join(", ", ranges)})");
                ok = false;
                continue;
            }

            for (var j = 0; j < i; j++)
            {
                if (result[j] is { } other && other.Equals(address))
                {
                    errors.Add("N-6", field, $"{address} of {label} is already the {inputs[j].Field}; each address must be different");
                    ok = false;
                }
            }

            result[i] = address;
        }

        return ok ? result : null;
    }
}
