using System.Globalization;
using System.Net;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Cidrs;
using DistributedCloud.Networking.Kubernetes.Config;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Networking.Bootstrap;

/// <summary>
/// Turns a bootstrap file into a site: its networks, pools and host addresses (N-21..N-26, and through
/// <see cref="SiteNetworks"/> N-1..N-20). Every problem is reported, each naming the bootstrap key it concerns.
/// </summary>
public static class BootstrapPlanner
{
    private const SystemMode DefaultMode = SystemMode.Duplex;

    /// <summary>Defaults for networks a bootstrap file leaves out, by the site's primary family.</summary>
    private static readonly Dictionary<NetworkType, (string V4, string V6)> DefaultSubnets = new()
    {
        [NetworkType.Pxeboot] = ("169.254.202.0/24", "169.254.202.0/24"),
        [NetworkType.Multicast] = ("239.1.1.0/28", "ff08::1:1:0/124"),
        [NetworkType.ClusterHost] = ("192.168.206.0/24", "fd02::/64"),
        [NetworkType.ClusterPod] = ("172.16.0.0/16", "fd03::/64"),
        [NetworkType.ClusterService] = ("10.96.0.0/12", "fd04::/112"),
    };

    public static BootstrapResult Plan(string yaml, bool isSystemController = false)
    {
        var errors = new ErrorCollector();
        var document = BootstrapReader.Read(yaml, errors);
        return document is null
            ? new BootstrapResult(null, errors.Errors, [])
            : Plan(document, isSystemController);
    }

    public static BootstrapResult Plan(BootstrapDocument document, bool isSystemController = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new ErrorCollector();
        var warnings = new List<string>();
        var defaults = new List<string>();

        foreach (var value in document.Values.Where(v => !BootstrapKeys.IsKnown(v.Key)).OrderBy(v => v.Line))
        {
            warnings.Add($"line {value.Line}: '{value.Key}' is not a key DistributedCloud reads; it is ignored");
        }

        var mode = ReadMode(document, errors, defaults);
        var (workers, storage) = ReadHostCounts(document, mode, errors);
        var dns = ReadDns(document, errors);

        // Subnets per network (N-21), then the cross-network rules (N-22..N-24).
        var subnets = new Dictionary<NetworkType, IReadOnlyList<Subnet>>();
        foreach (var keys in NetworkBootstrapKeys.All)
        {
            if (document.Has(keys.Subnet))
            {
                if (ReadEntries(document, keys.Subnet, errors, ParseSubnet) is { } parsed)
                {
                    subnets[keys.Network] = parsed.Select(p => p.Value).ToArray();
                }
            }
        }

        foreach (var required in new[] { NetworkBootstrapKeys.All[0], NetworkBootstrapKeys.All[2] })
        {
            if (!document.Has(required.Subnet))
            {
                errors.Add("N-21", required.Subnet, $"'{required.Subnet}' is missing; every site needs its {required.Network.Name()} subnet");
            }
        }

        var primary = subnets.TryGetValue(NetworkType.Mgmt, out var mgmt) ? mgmt[0].Family
            : subnets.TryGetValue(NetworkType.Oam, out var oam) ? oam[0].Family
            : (IpFamily?)null;
        if (primary is { } family)
        {
            ApplyDefaults(document, family, subnets, defaults);
            CheckFamilies(document, family, subnets, errors);
        }

        // Addresses (N-25) and pools.
        var specs = new Dictionary<NetworkType, List<AddressPoolSpec>>();
        foreach (var keys in NetworkBootstrapKeys.All)
        {
            if (subnets.TryGetValue(keys.Network, out var networkSubnets)
                && BuildSpecs(document, keys, networkSubnets, mode, errors) is { } built)
            {
                specs[keys.Network] = built;
            }
        }

        if (errors.HasErrors)
        {
            return new BootstrapResult(null, errors.Errors, warnings);
        }

        var site = new SiteNetworks(mode, isSystemController);
        foreach (var keys in NetworkBootstrapKeys.All)
        {
            if (specs.TryGetValue(keys.Network, out var networkSpecs))
            {
                CreateNetwork(site, keys, networkSpecs, errors);
            }
        }

        if (errors.HasErrors)
        {
            return new BootstrapResult(null, errors.Errors, warnings);
        }

        site.MarkConfigured();
        var hosts = AddressHosts(site, SiteHost.ForMode(mode, workers, storage));
        CheckKubernetes(site, hosts, errors, warnings);
        if (errors.HasErrors)
        {
            return new BootstrapResult(null, errors.Errors, warnings);
        }

        var plan = new BootstrapPlan(mode, site, hosts, dns, document.Text(BootstrapKeys.Name),
            document.Text(BootstrapKeys.Release), defaults, warnings);
        return new BootstrapResult(plan, [], warnings);
    }

    private static SystemMode ReadMode(BootstrapDocument document, ErrorCollector errors, List<string> defaults)
    {
        var value = document[BootstrapKeys.SystemMode];
        if (value is null)
        {
            defaults.Add($"{BootstrapKeys.SystemMode}: {DefaultMode.Name()}");
            return DefaultMode;
        }

        if (SystemModes.TryParse(value.Text, out var mode))
        {
            return mode;
        }

        errors.Add("N-21", BootstrapKeys.SystemMode,
            $"'{value.Text}'{BootstrapReader.At(value)} is not a system mode; use simplex, duplex or standard");
        return DefaultMode;
    }

    private static (int Workers, int Storage) ReadHostCounts(BootstrapDocument document, SystemMode mode, ErrorCollector errors)
    {
        int Read(string key)
        {
            var value = document[key];
            if (value is null)
            {
                return 0;
            }

            if (!int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 1000)
            {
                errors.Add("N-21", key, $"'{value.Text}'{BootstrapReader.At(value)} is not a host count; give a whole number from 0 to 1000");
                return 0;
            }

            if (count > 0 && mode != SystemMode.Standard)
            {
                errors.Add("N-21", key, $"{key}: {count}{BootstrapReader.At(value)} needs system_mode: standard; {mode.Name()} sites have controllers only");
                return 0;
            }

            return count;
        }

        return (Read(BootstrapKeys.WorkerCount), Read(BootstrapKeys.StorageCount));
    }

    private static List<IPAddress> ReadDns(BootstrapDocument document, ErrorCollector errors)
    {
        var servers = new List<IPAddress>();
        var value = document[BootstrapKeys.DnsServers];
        if (value is null || string.IsNullOrWhiteSpace(value.Text))
        {
            return servers;
        }

        foreach (var entry in value.Text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (IpAddressMath.TryParseStrict(entry, out var address))
            {
                servers.Add(address);
            }
            else
            {
                errors.Add("N-21", BootstrapKeys.DnsServers, $"'{entry}'{BootstrapReader.At(value)} is not an IP address of a DNS server");
            }
        }

        return servers;
    }

    /// <summary>N-21: one entry, or a primary and a secondary of the other family.</summary>
    private static List<(T Value, IpFamily Family)>? ReadEntries<T>(BootstrapDocument document, string key, ErrorCollector errors, Func<string, (T? Value, IpFamily Family, string? Problem)> parse)
        where T : struct
    {
        var value = document[key]!;
        var raw = value.Text.Split(',', StringSplitOptions.TrimEntries);
        if (raw.Length > 2)
        {
            errors.Add("N-21", key, $"'{value.Text}'{BootstrapReader.At(value)} has {raw.Length} entries; give one, or a primary and a secondary separated by a comma");
            return null;
        }

        var result = new List<(T Value, IpFamily Family)>();
        foreach (var entry in raw)
        {
            var (parsed, family, problem) = parse(entry);
            if (parsed is not { } ok)
            {
                errors.Add("N-21", key, $"{problem}{BootstrapReader.At(value)}");
                return null;
            }

            result.Add((ok, family));
        }

        if (result.Count == 2 && result[0].Family == result[1].Family)
        {
            errors.Add("N-21", key,
                $"'{value.Text}'{BootstrapReader.At(value)} gives two {result[0].Family.Name()} entries; the secondary must be of the other family");
            return null;
        }

        return result;
    }

    private static (Subnet? Value, IpFamily Family, string? Problem) ParseSubnet(string text) =>
        Subnet.TryParse(text, out var subnet, out var problem)
            ? (subnet, subnet.Family, null)
            : (null, default, $"'{text}' is not a subnet: {problem}");

    private static (UInt128? Value, IpFamily Family, string? Problem) ParseAddress(string text) =>
        IpAddressMath.TryParseStrict(text, out var address)
            ? (IpAddressMath.ToUInt128(address), IpFamilyExtensions.FamilyOf(address), null)
            : (null, default, $"'{text}' is not an IP address");

    private static void ApplyDefaults(BootstrapDocument document, IpFamily primary, Dictionary<NetworkType, IReadOnlyList<Subnet>> subnets, List<string> defaults)
    {
        foreach (var keys in NetworkBootstrapKeys.All)
        {
            if (document.Has(keys.Subnet) || !DefaultSubnets.TryGetValue(keys.Network, out var pair))
            {
                continue;
            }

            var text = primary == IpFamily.IPv4 ? pair.V4 : pair.V6;
            subnets[keys.Network] = [Subnet.Parse(text)];
            defaults.Add($"{keys.Subnet}: {text}");
        }
    }

    /// <summary>N-22 (one primary family; pxeboot IPv4 only, N-16), N-23 (cluster networks together), N-24 (pod needs oam).</summary>
    private static void CheckFamilies(BootstrapDocument document, IpFamily primary, Dictionary<NetworkType, IReadOnlyList<Subnet>> subnets, ErrorCollector errors)
    {
        var primarySource = subnets.ContainsKey(NetworkType.Mgmt) ? "management_subnet" : "external_oam_subnet";
        foreach (var keys in NetworkBootstrapKeys.All)
        {
            if (!subnets.TryGetValue(keys.Network, out var list))
            {
                continue;
            }

            if (keys.Network == NetworkType.Pxeboot)
            {
                if (list.Count != 1 || list[0].Family != IpFamily.IPv4)
                {
                    errors.Add("N-16", keys.Subnet, $"'{document.Text(keys.Subnet)}' is not a single IPv4 subnet; the pxeboot network is IPv4 only");
                }
            }
            else if (list[0].Family != primary)
            {
                var wayOut = list.Any(s => s.Family == primary)
                    ? $"list the {primary.Name()} subnet first"
                    : $"give an {primary.Name()} subnet as the first entry";
                errors.Add("N-22", keys.Subnet,
                    $"the primary subnet {list[0]} is {list[0].Family.Name()} but {primarySource} makes the site's primary family {primary.Name()}; {wayOut}");
            }
        }

        var cluster = new[] { NetworkType.ClusterHost, NetworkType.ClusterPod, NetworkType.ClusterService }
            .Where(subnets.ContainsKey).ToArray();
        var dual = cluster.Where(t => subnets[t].Count == 2).ToArray();
        if (dual.Length > 0 && dual.Length != cluster.Length)
        {
            var single = cluster.Except(dual).Select(t => NetworkBootstrapKeys.All.First(k => k.Network == t).Subnet);
            var doubled = dual.Select(t => NetworkBootstrapKeys.All.First(k => k.Network == t).Subnet);
            var singleKeys = single.ToArray();
            var doubledKeys = doubled.ToArray();
            errors.Add("N-23", string.Join(",", singleKeys),
                $"{string.Join(" and ", doubledKeys)} {(doubledKeys.Length == 1 ? "is" : "are")} dual-stack but {string.Join(" and ", singleKeys)} {(singleKeys.Length == 1 ? "is" : "are")} not; the cluster networks are dual-stack together or not at all");
        }

        if (subnets.TryGetValue(NetworkType.ClusterPod, out var pod) && pod.Count == 2
            && (!subnets.TryGetValue(NetworkType.Oam, out var oam) || oam.Count != 2))
        {
            errors.Add("N-24", "external_oam_subnet",
                $"cluster_pod_subnet is dual-stack, which needs a dual-stack OAM network; add a {pod[1].Family.Name()} subnet to external_oam_subnet");
        }
    }

    /// <summary>Builds one pool spec per family of a network from its address keys (N-25).</summary>
    private static List<AddressPoolSpec>? BuildSpecs(BootstrapDocument document, NetworkBootstrapKeys keys, IReadOnlyList<Subnet> subnets, SystemMode mode, ErrorCollector errors)
    {
        var before = errors.Errors.Count;
        var addressKeys = keys.Keys().Skip(1).ToArray();
        var given = new Dictionary<string, List<UInt128>>();
        foreach (var key in addressKeys)
        {
            if (!document.Has(key) || string.IsNullOrWhiteSpace(document.Text(key)))
            {
                continue;
            }

            if (ReadEntries(document, key, errors, ParseAddress) is not { } values)
            {
                continue;
            }

            var value = document[key]!;
            if (values.Count != subnets.Count)
            {
                errors.Add("N-25", key,
                    $"'{value.Text}'{BootstrapReader.At(value)} gives {values.Count} address(es) but {keys.Subnet} has {subnets.Count} subnet(s); give one per subnet, in the same order");
                continue;
            }

            var mismatched = false;
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].Family != subnets[i].Family)
                {
                    errors.Add("N-25", key,
                        $"entry {i + 1} of '{value.Text}'{BootstrapReader.At(value)} is not {subnets[i].Family.Name()} like subnet {subnets[i]}; list addresses in the order of the subnets");
                    mismatched = true;
                }
            }

            if (!mismatched)
            {
                given[key] = values.Select(v => v.Value).ToList();
            }
        }

        if (errors.Errors.Count != before)
        {
            return null;
        }

        return subnets.Select((subnet, i) => keys.PoolSpec(subnet,
            key => given.TryGetValue(key, out var v) ? IpAddressMath.ToAddress(v[i], subnet.Family).ToString() : null,
            mode)).ToList();
    }

    private static void CreateNetwork(SiteNetworks site, NetworkBootstrapKeys keys, List<AddressPoolSpec> specs, ErrorCollector errors)
    {
        var created = new List<AddressPool>();
        foreach (var spec in specs)
        {
            try
            {
                created.Add(site.AddPool(spec));
            }
            catch (DomainException ex)
            {
                errors.AddRange(ex.Errors.Select(e => ToBootstrapKey(e, keys)));
            }
        }

        if (created.Count != specs.Count)
        {
            return;
        }

        try
        {
            site.CreateNetwork(keys.Network, created[0].Name);
            if (created.Count == 2)
            {
                site.AssignPool(keys.Network.Name(), created[1].Name, SiteConditions.Default);
            }
        }
        catch (DomainException ex)
        {
            errors.AddRange(ex.Errors.Select(e => ToBootstrapKey(e, keys)));
        }
    }

    /// <summary>Errors from the pool and network rules name pool fields; in a bootstrap file they are keys.</summary>
    private static DomainError ToBootstrapKey(DomainError error, NetworkBootstrapKeys keys)
    {
        var key = error.Field switch
        {
            AddressPoolFields.Ranges => $"{keys.StartAddress},{keys.EndAddress}",
            AddressPoolFields.FloatingAddress => keys.FloatingAddress,
            AddressPoolFields.Controller0Address => keys.Node0Address,
            AddressPoolFields.Controller1Address => keys.Node1Address,
            AddressPoolFields.GatewayAddress => keys.GatewayAddress,
            _ => keys.Subnet,
        };
        return error with { Field = key };
    }

    /// <summary>
    /// The Kubernetes rules the site's cluster networks must also meet (K-6..K-14), so that a file that validates
    /// also renders. Errors name the bootstrap key behind the Kubernetes setting.
    /// </summary>
    private static void CheckKubernetes(SiteNetworks site, IReadOnlyList<HostAddressing> hosts, ErrorCollector errors, List<string> warnings)
    {
        var inputs = SiteRenderInputs.Kubernetes(site, hosts);
        var found = new List<DomainError>(KubernetesConfigRenderer.CheckPrimaryFamily(inputs));
        var validation = KubernetesCidrValidator.Validate(SiteRenderInputs.CidrSettings(inputs));
        found.AddRange(validation.Errors);
        foreach (var error in found)
        {
            var key = error.Field switch
            {
                KubernetesCidrFields.ServiceCidrs or "serviceSubnets" => "cluster_service_subnet",
                KubernetesCidrFields.PodCidrs or KubernetesCidrFields.NodeMask or KubernetesCidrFields.NodeMaskV4
                    or KubernetesCidrFields.NodeMaskV6 or "podSubnets" => "cluster_pod_subnet",
                _ => "cluster_host_subnet",
            };
            if (!errors.Errors.Any(e => e.Rule == error.Rule && e.Field == key && e.Message == error.Message))
            {
                errors.Add(error with { Field = key });
            }
        }

        warnings.AddRange(validation.Plan?.Warnings ?? []);
    }

    /// <summary>Gives each host its addresses: controllers their pool's controller addresses, others allocated ones.</summary>
    private static List<HostAddressing> AddressHosts(SiteNetworks site, IReadOnlyList<SiteHost> hosts)
    {
        // Fixed seed: the same bootstrap file always gives the same worker addresses.
        var random = new Random(0);
        var result = new List<HostAddressing>();
        foreach (var host in hosts)
        {
            var networks = new List<HostNetworkAddresses>();
            foreach (var network in site.Networks)
            {
                if (network.Type is NetworkType.Multicast or NetworkType.ClusterPod or NetworkType.ClusterService
                    || (network.Type.IsControllerOnly() && host.Role != HostRole.Controller))
                {
                    continue;
                }

                var addresses = new List<HostAddress>();
                var gateways = new List<IPAddress>();
                foreach (var pool in site.PoolsOf(network))
                {
                    var address = host.Name switch
                    {
                        "controller-0" => pool.Controller0Address ?? pool.FloatingAddress,
                        "controller-1" => pool.Controller1Address,
                        _ => null,
                    } ?? pool.Allocate(random);
                    addresses.Add(new HostAddress(address, pool.Subnet.PrefixLength));
                    if (pool.GatewayAddress is { } gateway)
                    {
                        gateways.Add(gateway);
                    }
                }

                networks.Add(new HostNetworkAddresses(network.Type, addresses, gateways));
            }

            result.Add(new HostAddressing(host, networks));
        }

        return result;
    }
}
