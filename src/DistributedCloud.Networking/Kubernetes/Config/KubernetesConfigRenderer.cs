using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Cidrs;
using static DistributedCloud.Networking.Kubernetes.Config.YamlDocuments;

namespace DistributedCloud.Networking.Kubernetes.Config;

/// <summary>
/// Renders a site's derived Kubernetes, Calico and host network configuration (K-1..K-5) as named text documents.
/// Pure: nothing is written anywhere. Refuses, with every problem at once, a plan that breaks K-6 (one primary
/// family) or the CIDR rules K-7..K-12.
/// </summary>
public static partial class KubernetesConfigRenderer
{
    public const string KubeadmConfigFile = "kubeadm/kubeadm-config.yaml";
    public const string CalicoIpamFile = "calico/cni-ipam.json";
    public const string CalicoIpPoolsFile = "calico/ippools.yaml";
    public const string CalicoNodeEnvFile = "calico/calico-node-env.yaml";
    public const string ComponentFlagsFile = "components/flags.yaml";

    private const int ApiServerPort = 6443;
    private const string KubeadmApiVersion = "kubeadm.k8s.io/v1beta4";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static string KubeletEnvironmentFile(string host) => $"hosts/{host}/kubelet.env";

    public static string HostNetworkFile(string host) => $"hosts/{host}/network.yaml";

    /// <summary>Every document, ordered by name.</summary>
    public static IReadOnlyList<RenderedDocument> Render(KubernetesNetworkInputs kubernetes, HostNetworkInputs hostNetwork)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(hostNetwork);
        var plan = Check(kubernetes, hostNetwork);

        var documents = new List<RenderedDocument>
        {
            new(KubeadmConfigFile, KubeadmConfig(kubernetes, plan)),
            new(CalicoIpamFile, CalicoIpam(plan)),
            new(CalicoIpPoolsFile, CalicoIpPools(plan)),
            new(CalicoNodeEnvFile, CalicoNodeEnv(kubernetes, plan)),
            new(ComponentFlagsFile, ComponentFlags(kubernetes, plan)),
        };
        documents.AddRange(kubernetes.Hosts.Select(h => new RenderedDocument(
            KubeletEnvironmentFile(h.Name), $"KUBELET_EXTRA_ARGS=--node-ip={string.Join(',', h.ClusterHostAddresses)}\n")));
        documents.AddRange(hostNetwork.Hosts.Select(h => new RenderedDocument(HostNetworkFile(h.Name), HostNetwork(h))));
        return documents.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The K-6 check alone: every place's primary family, or the errors of the places that disagree.</summary>
    public static IReadOnlyList<DomainError> CheckPrimaryFamily(KubernetesNetworkInputs kubernetes)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        var errors = new ErrorCollector();
        var places = new List<(string Field, string What, IpFamily Family)>();
        if (kubernetes.ServiceSubnets.Count > 0)
        {
            places.Add(("serviceSubnets", $"service subnet {kubernetes.ServiceSubnets[0]}", kubernetes.ServiceSubnets[0].Family));
        }

        if (kubernetes.PodSubnets.Count > 0)
        {
            places.Add(("podSubnets", $"pod subnet {kubernetes.PodSubnets[0]}", kubernetes.PodSubnets[0].Family));
        }

        if (kubernetes.ClusterHostSubnets.Count > 0)
        {
            places.Add(("clusterHostSubnets", $"cluster-host subnet {kubernetes.ClusterHostSubnets[0]}", kubernetes.ClusterHostSubnets[0].Family));
        }

        foreach (var host in kubernetes.Hosts.Where(h => h.ClusterHostAddresses.Count > 0))
        {
            var first = host.ClusterHostAddresses[0];
            places.Add(($"hosts[{host.Name}].clusterHostAddresses", $"{host.Name}'s node IP {first}", IpFamilyExtensions.FamilyOf(first)));
        }

        if (kubernetes.AdvertiseAddresses.Count > 0)
        {
            var first = kubernetes.AdvertiseAddresses[0];
            places.Add(("advertiseAddresses", $"advertise address {first}", IpFamilyExtensions.FamilyOf(first)));
        }

        if (places.Count == 0)
        {
            return [];
        }

        var reference = places[0];
        foreach (var place in places.Skip(1).Where(p => p.Family != reference.Family))
        {
            errors.Add("K-6", place.Field,
                $"the primary {place.What} is {place.Family.Name()} but the primary {reference.What} is {reference.Family.Name()}; the site has one primary family everywhere, so list the {reference.Family.Name()} entry first.");
        }

        return errors.Errors.ToArray();
    }

    private static KubernetesCidrPlan Check(KubernetesNetworkInputs kubernetes, HostNetworkInputs hostNetwork)
    {
        var errors = new ErrorCollector();
        if (kubernetes.ServiceSubnets.Count == 0)
        {
            errors.Add("K-1", "serviceSubnets", "no service subnet is given; the API server needs the cluster-service subnet(s), primary first.");
        }

        if (kubernetes.PodSubnets.Count == 0)
        {
            errors.Add("K-2", "podSubnets", "no pod subnet is given; the controller-manager needs the cluster-pod subnet(s), primary first.");
        }

        if (kubernetes.Hosts.Count == 0)
        {
            errors.Add("K-3", "hosts", "no Kubernetes host is given; name at least the host kubeadm init runs on.");
        }

        if (kubernetes.AdvertiseAddresses.Count == 0)
        {
            errors.Add("K-1", "advertiseAddresses", "no advertise address is given; the API server advertises the primary cluster-host floating address.");
        }

        foreach (var host in kubernetes.Hosts)
        {
            CheckHostName(host.Name, "hosts", errors);
            var field = $"hosts[{host.Name}].clusterHostAddresses";
            KubernetesCidrValidator.CheckNodeIps(host.ClusterHostAddresses, kubernetes.CloudProvider, field, errors);
        }

        foreach (var name in kubernetes.Hosts.GroupBy(h => h.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add("K-3", "hosts", $"host '{name}' is listed more than once; each Kubernetes node appears once.");
        }

        CheckHostNetwork(hostNetwork, errors);
        errors.AddRange(CheckPrimaryFamily(kubernetes));

        // K-7..K-11 are the validator's; its K-6 is covered above with the renderer's own field names.
        var settings = new KubernetesCidrSettings(
            ServiceCidrs: Join(kubernetes.ServiceSubnets),
            PodCidrs: Join(kubernetes.PodSubnets),
            NodeMaskV4: kubernetes.NodeMaskV4,
            NodeMaskV6: kubernetes.NodeMaskV6,
            CloudProvider: kubernetes.CloudProvider);
        var validation = KubernetesCidrValidator.Validate(settings);
        errors.AddRange(validation.Errors.Where(e => e.Rule != "K-6"));
        errors.ThrowIfAny();
        return validation.Plan ?? throw new DomainException(validation.Errors);
    }

    private static void CheckHostNetwork(HostNetworkInputs hostNetwork, ErrorCollector errors)
    {
        foreach (var host in hostNetwork.Hosts)
        {
            CheckHostName(host.Name, "hostNetwork.hosts", errors);
            foreach (var network in host.Networks)
            {
                var field = $"hostNetwork.hosts[{host.Name}].{network.Network}";
                if (string.IsNullOrWhiteSpace(network.InterfaceName))
                {
                    errors.Add("K-4", field, $"the {network.Network} network of {host.Name} names no interface; give the interface it is configured on.");
                }

                foreach (var address in network.Addresses)
                {
                    var width = IpFamilyExtensions.FamilyOf(address.Address).Width();
                    if (address.PrefixLength < 1 || address.PrefixLength > width)
                    {
                        errors.Add("K-4", field, $"address {address} has a prefix length outside 1..{width}; give the subnet's prefix length.");
                    }
                }

                foreach (var family in network.Gateways.GroupBy(IpFamilyExtensions.FamilyOf).Where(g => g.Count() > 1))
                {
                    errors.Add("K-4", field, $"{family.Count()} {family.Key.Name()} gateways are given ({string.Join(", ", family)}); a network has at most one gateway per family.");
                }
            }
        }
    }

    private static void CheckHostName(string name, string field, ErrorCollector errors)
    {
        if (!HostNamePattern().IsMatch(name ?? string.Empty) || name!.Length > 253)
        {
            errors.Add("K-4", field, $"'{name}' is not a valid node name; use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostNamePattern();

    private static string Join<T>(IEnumerable<T> values) => string.Join(',', values);

    /// <summary>K-4: one kubeadm file: InitConfiguration, ClusterConfiguration, KubeletConfiguration, KubeProxyConfiguration.</summary>
    private static string KubeadmConfig(KubernetesNetworkInputs kubernetes, KubernetesCidrPlan plan)
    {
        var first = kubernetes.Hosts[0];
        var advertise = kubernetes.AdvertiseAddresses[0];
        var init = Map(
            ("apiVersion", KubeadmApiVersion),
            ("kind", "InitConfiguration"),
            ("localAPIEndpoint", Map(("advertiseAddress", advertise.ToString()), ("bindPort", ApiServerPort))),
            ("nodeRegistration", Map(
                ("name", first.Name),
                ("kubeletExtraArgs", new[] { Arg("node-ip", Join(first.ClusterHostAddresses)) }))));

        var nodeMaskArgs = plan.FlagsOf(ComponentFlag.KubeControllerManager)
            .Where(f => f.Name.StartsWith("--node-cidr-mask-size", StringComparison.Ordinal))
            .Select(f => Arg(f.Name[2..], f.Value))
            .ToArray();
        var certSans = kubernetes.AdvertiseAddresses.Concat(kubernetes.OamFloatingAddresses).Select(a => a.ToString()).Distinct().ToArray();
        var cluster = Map(
            ("apiVersion", KubeadmApiVersion),
            ("kind", "ClusterConfiguration"),
            ("controlPlaneEndpoint", Endpoint(advertise, ApiServerPort)),
            ("networking", Map(
                ("dnsDomain", kubernetes.DnsDomain),
                ("serviceSubnet", Join(plan.ServiceCidrs)),
                ("podSubnet", Join(plan.PodCidrs)))),
            ("apiServer", Map(
                ("certSANs", certSans),
                ("extraArgs", new[] { Arg("advertise-address", advertise.ToString()) }))),
            ("controllerManager", Map(("extraArgs", nodeMaskArgs))));

        var kubelet = Map(
            ("apiVersion", "kubelet.config.k8s.io/v1beta1"),
            ("kind", "KubeletConfiguration"),
            ("clusterDNS", new[] { ClusterDnsAddress(plan.ServiceCidrs[0]).ToString() }),
            ("clusterDomain", kubernetes.DnsDomain));

        var proxy = Map(
            ("apiVersion", "kubeproxy.config.k8s.io/v1alpha1"),
            ("kind", "KubeProxyConfiguration"),
            ("bindAddress", plan.PrimaryFamily == IpFamily.IPv6 ? "::" : "0.0.0.0"),
            ("clusterCIDR", Join(plan.PodCidrs)));

        return Serialize(init, cluster, kubelet, proxy);
    }

    private static OrderedDictionary<string, object> Arg(string name, string value) => Map(("name", name), ("value", value));

    private static string Endpoint(IPAddress address, int port) =>
        IpFamilyExtensions.FamilyOf(address) == IpFamily.IPv6 ? $"[{address}]:{port}" : $"{address}:{port}";

    /// <summary>kubeadm's cluster DNS address: the tenth address of the primary service subnet.</summary>
    public static IPAddress ClusterDnsAddress(Subnet serviceSubnet) =>
        IpAddressMath.ToAddress(serviceSubnet.First + 10, serviceSubnet.Family);

    /// <summary>K-5: Calico's CNI IPAM section, assigning an address of each family the pods have.</summary>
    private static string CalicoIpam(KubernetesCidrPlan plan)
    {
        var hasV4 = plan.PodCidrs.Any(p => p.Family == IpFamily.IPv4);
        var hasV6 = plan.PodCidrs.Any(p => p.Family == IpFamily.IPv6);
        var ipam = new JsonObject
        {
            ["type"] = "calico-ipam",
            ["assign_ipv4"] = hasV4 ? "true" : "false",
            ["assign_ipv6"] = hasV6 ? "true" : "false",
        };
        foreach (var pod in plan.PodCidrs)
        {
            var key = pod.Family == IpFamily.IPv4 ? "ipv4_pools" : "ipv6_pools";
            ipam[key] = new JsonArray(JsonValue.Create(pod.ToString()));
        }

        return new JsonObject { ["ipam"] = ipam }.ToJsonString(JsonOptions) + "\n";
    }

    /// <summary>K-5: one IPPool per pod CIDR, primary first.</summary>
    private static string CalicoIpPools(KubernetesCidrPlan plan)
    {
        var pools = plan.PodCidrs.Select(pod =>
        {
            var v4 = pod.Family == IpFamily.IPv4;
            var blockSize = Math.Max(v4 ? 26 : 122, pod.PrefixLength);
            return (object)Map(
                ("apiVersion", "crd.projectcalico.org/v1"),
                ("kind", "IPPool"),
                ("metadata", Map(("name", v4 ? "default-ipv4-ippool" : "default-ipv6-ippool"))),
                ("spec", Map(
                    ("cidr", pod.ToString()),
                    ("blockSize", blockSize),
                    ("ipipMode", v4 ? "Always" : "Never"),
                    ("vxlanMode", "Never"),
                    ("natOutgoing", true),
                    ("nodeSelector", "all()"))));
        }).ToArray();
        return Serialize(pools);
    }

    /// <summary>K-5: calico-node's environment: addresses per family, IPv6 support, pool CIDRs.</summary>
    private static string CalicoNodeEnv(KubernetesNetworkInputs kubernetes, KubernetesCidrPlan plan)
    {
        var env = new List<object>();
        void Add(string name, string value) => env.Add(Map(("name", name), ("value", value)));
        var v4Pod = plan.PodCidrs.Where(p => p.Family == IpFamily.IPv4).Select(p => (Subnet?)p).FirstOrDefault();
        var v6Pod = plan.PodCidrs.Where(p => p.Family == IpFamily.IPv6).Select(p => (Subnet?)p).FirstOrDefault();
        var v4Host = kubernetes.ClusterHostSubnets.Where(s => s.Family == IpFamily.IPv4).Select(s => (Subnet?)s).FirstOrDefault();
        var v6Host = kubernetes.ClusterHostSubnets.Where(s => s.Family == IpFamily.IPv6).Select(s => (Subnet?)s).FirstOrDefault();

        Add("IP", v4Pod is null ? "none" : "autodetect");
        if (v4Pod is not null && v4Host is { } v4HostSubnet)
        {
            Add("IP_AUTODETECTION_METHOD", $"cidr={v4HostSubnet}");
        }

        if (v6Pod is not null)
        {
            Add("IP6", "autodetect");
            if (v6Host is { } v6HostSubnet)
            {
                Add("IP6_AUTODETECTION_METHOD", $"cidr={v6HostSubnet}");
            }
        }

        Add("FELIX_IPV6SUPPORT", v6Pod is null ? "false" : "true");
        if (v4Pod is { } v4Cidr)
        {
            Add("CALICO_IPV4POOL_CIDR", v4Cidr.ToString());
        }

        if (v6Pod is { } v6Cidr)
        {
            Add("CALICO_IPV6POOL_CIDR", v6Cidr.ToString());
        }

        if (v4Pod is null)
        {
            // Without an IPv4 address BIRD needs a router id from elsewhere.
            Add("CALICO_ROUTER_ID", "hash");
        }

        return Serialize(Map(("env", env)));
    }

    /// <summary>K-1..K-3 summary: every component's flags, the kubelet's per host.</summary>
    private static string ComponentFlags(KubernetesNetworkInputs kubernetes, KubernetesCidrPlan plan)
    {
        OrderedDictionary<string, object> FlagsOf(string component, params (string, object?)[] extra)
        {
            var map = Map(plan.FlagsOf(component).Select(f => (f.Name, (object?)f.Value)).ToArray());
            foreach (var (key, value) in extra.Where(e => e.Item2 is not null))
            {
                map[key] = value!;
            }

            return map;
        }

        var kubelets = Map(kubernetes.Hosts.Select(h => (h.Name, (object?)Map(("--node-ip", Join(h.ClusterHostAddresses))))).ToArray());
        var summary = Map(
            ("dualStack", plan.DualStack),
            ("primaryFamily", plan.PrimaryFamily?.Name()),
            (ComponentFlag.KubeApiserver, FlagsOf(ComponentFlag.KubeApiserver, ("--advertise-address", kubernetes.AdvertiseAddresses[0].ToString()))),
            (ComponentFlag.KubeControllerManager, FlagsOf(ComponentFlag.KubeControllerManager)),
            (ComponentFlag.KubeProxy, FlagsOf(ComponentFlag.KubeProxy)),
            (ComponentFlag.Kubelet, kubelets),
            ("nodeCapacity", Map(plan.NodeCidrs.Select(n => (n.Family.Name(), (object?)n.NodeCapacity.ToString(CultureInfo.InvariantCulture))).ToArray())));
        return Serialize(summary);
    }

    /// <summary>An nmstate-style description: interfaces with their addresses per family, default routes, DNS.</summary>
    private static string HostNetwork(HostNetworkHost host)
    {
        var interfaces = new List<object>();
        var routes = new List<object>();
        var seenRoutes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in host.Networks.GroupBy(n => n.InterfaceName, StringComparer.Ordinal))
        {
            var addresses = group.SelectMany(n => n.Addresses).Distinct().ToArray();
            object Family(IpFamily family)
            {
                var ofFamily = addresses.Where(a => IpFamilyExtensions.FamilyOf(a.Address) == family)
                    .Select(a => (object)Map(("ip", a.Address.ToString()), ("prefix-length", a.PrefixLength)))
                    .ToArray();
                if (ofFamily.Length == 0)
                {
                    return Map(("enabled", false));
                }

                return family == IpFamily.IPv4
                    ? Map(("enabled", true), ("dhcp", false), ("address", ofFamily))
                    : Map(("enabled", true), ("dhcp", false), ("autoconf", false), ("address", ofFamily));
            }

            interfaces.Add(Map(
                ("name", group.Key),
                ("type", group.First().InterfaceType),
                ("state", "up"),
                ("ipv4", Family(IpFamily.IPv4)),
                ("ipv6", Family(IpFamily.IPv6))));

            foreach (var gateway in group.SelectMany(n => n.Gateways))
            {
                var destination = IpFamilyExtensions.FamilyOf(gateway) == IpFamily.IPv4 ? "0.0.0.0/0" : "::/0";
                if (seenRoutes.Add($"{destination} {gateway} {group.Key}"))
                {
                    routes.Add(Map(("destination", destination), ("next-hop-address", gateway.ToString()), ("next-hop-interface", group.Key)));
                }
            }
        }

        return Serialize(Map(
            ("interfaces", interfaces),
            ("routes", Map(("config", routes))),
            ("dns-resolver", Map(("config", Map(("server", host.DnsServers.Select(d => d.ToString()).ToArray())))))));
    }
}
