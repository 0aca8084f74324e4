using System.Globalization;
using System.Net;
using System.Numerics;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Networking.Kubernetes.Cidrs;

/// <summary>
/// Checks a cluster's CIDR settings the way upstream Kubernetes does (kubeadm's networking validation,
/// kube-apiserver's service range checks, the controller-manager's node IPAM, kube-proxy and the kubelet's
/// <c>--node-ip</c> parsing), collecting every problem (K-6..K-12), and derives the plan (K-1..K-3, K-13, K-14).
/// </summary>
public static class KubernetesCidrValidator
{
    private const string K6 = "K-6";
    private const string K8 = "K-8";
    private const string K9 = "K-9";
    private const string K10 = "K-10";
    private const string K11 = "K-11";
    private const string K12 = "K-12";

    /// <summary>Checks the settings; the result holds every error, or the plan when there are none.</summary>
    public static KubernetesCidrValidation Validate(KubernetesCidrSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings = WithoutZeroMasks(settings);
        var errors = new ErrorCollector();

        var service = ParseCidrList(settings.ServiceCidrs, KubernetesCidrFields.ServiceCidrs, "service", errors);
        var pods = ParseCidrList(settings.PodCidrs, KubernetesCidrFields.PodCidrs, "pod", errors);
        if (service is not null)
        {
            CheckServiceRanges(service, errors);
        }

        if (pods is not null)
        {
            CheckKubeProxyClusterCidr(pods, errors);
        }

        var cloudProvider = string.IsNullOrWhiteSpace(settings.CloudProvider) || settings.CloudProvider == "none"
            ? null
            : settings.CloudProvider;
        var nodeIps = ParseNodeIps(settings.NodeIps, cloudProvider, errors);

        var masks = ResolveNodeMasks(settings, pods, service, errors);
        var nodeCidrs = pods is null ? [] : CheckPodNodeMasks(pods, masks, errors);
        CheckPrimaryFamilies(service, pods, nodeIps, errors);

        if (errors.HasErrors)
        {
            return new KubernetesCidrValidation(errors.Errors.ToArray(), null);
        }

        return new KubernetesCidrValidation([], BuildPlan(settings, service, pods, nodeIps, cloudProvider, nodeCidrs));
    }

    /// <summary>
    /// kube-controller-manager's setNodeCIDRMaskSizes reads a node mask of 0 as "not set" (0 is the flags' zero
    /// value), so <c>--node-cidr-mask-size=0</c> means the default, not an error.
    /// </summary>
    private static KubernetesCidrSettings WithoutZeroMasks(KubernetesCidrSettings settings) => settings with
    {
        NodeMaskV4 = settings.NodeMaskV4 == 0 ? null : settings.NodeMaskV4,
        NodeMaskV6 = settings.NodeMaskV6 == 0 ? null : settings.NodeMaskV6,
        NodeMask = settings.NodeMask == 0 ? null : settings.NodeMask,
    };

    /// <summary>The plan of valid settings; throws one <see cref="DomainException"/> with every problem otherwise.</summary>
    public static KubernetesCidrPlan Plan(KubernetesCidrSettings settings)
    {
        var result = Validate(settings);
        return result.Plan ?? throw new DomainException(result.Errors);
    }

    /// <summary>
    /// K-12 alone: kubelet's <c>--node-ip</c> is one address or a dual-stack pair; a pair only without a cloud
    /// provider (or with <c>external</c>) and never with an unspecified address. Reports under <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyList<IPAddress> CheckNodeIps(IReadOnlyList<IPAddress> nodeIps, string? cloudProvider, string field, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(nodeIps);
        ArgumentNullException.ThrowIfNull(errors);
        var text = string.Join(',', nodeIps);
        var cloud = string.IsNullOrWhiteSpace(cloudProvider) || cloudProvider == "none" ? null : cloudProvider;
        if (nodeIps.Count == 0)
        {
            errors.Add(K12, field, "no node IP is given; the kubelet needs one address, or a dual-stack pair primary first.");
            return nodeIps;
        }

        CheckNodeIpShape(nodeIps.Count, nodeIps, text, cloud, field, errors);
        return nodeIps;
    }

    private static CidrList? ParseCidrList(string? text, string field, string what, ErrorCollector errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var list = CidrList.Parse(text, field, what);
        errors.AddRange(list.Errors);
        return list;
    }

    /// <summary>K-8: at most 20 host bits (kube-apiserver, kubeadm) and at least 10 addresses (kubeadm).</summary>
    private static void CheckServiceRanges(CidrList service, ErrorCollector errors)
    {
        foreach (var subnet in service.Cidrs)
        {
            var width = subnet.Family.Width();
            if (subnet.HostBits > KubernetesLimits.MaximumServiceHostBits)
            {
                var minimum = width - KubernetesLimits.MaximumServiceHostBits;
                errors.Add(K8, KubernetesCidrFields.ServiceCidrs,
                    $"service range {subnet} is too large: it has {subnet.HostBits} host bits and the API server allows at most {KubernetesLimits.MaximumServiceHostBits}; use a /{minimum} or longer prefix for {subnet.Family.Name()}.");
            }

            if (subnet.Count < KubernetesLimits.MinimumServiceAddresses)
            {
                errors.Add(K8, KubernetesCidrFields.ServiceCidrs,
                    $"service range {subnet} holds only {subnet.Count} address(es) and at least {KubernetesLimits.MinimumServiceAddresses} are needed; use a shorter prefix (at most /{LongestPrefixHolding(subnet.Family, KubernetesLimits.MinimumServiceAddresses)}).");
            }
        }
    }

    /// <summary>K-11: kube-proxy's clusterCIDR is the pod CIDR list and takes at most two, of different families.</summary>
    private static void CheckKubeProxyClusterCidr(CidrList pods, ErrorCollector errors)
    {
        var sameFamilyPair = pods.Cidrs.Count == 2 && pods.Cidrs[0].Family == pods.Cidrs[1].Family;
        if (pods.EntryCount > 2 || sameFamilyPair)
        {
            errors.Add(K11, KubernetesCidrFields.PodCidrs,
                $"kube-proxy's clusterCIDR would be '{pods.Text}', and kube-proxy accepts one CIDR or a dual-stack pair (one IPv4, one IPv6); fix the pod CIDR list.");
        }
    }

    private static List<IPAddress>? ParseNodeIps(string? text, string? cloudProvider, ErrorCollector errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var entries = text.Split(',', StringSplitOptions.TrimEntries);
        var parsed = new List<IPAddress>();
        var allParsed = true;
        foreach (var entry in entries)
        {
            if (!IpAddressMath.TryParseStrict(entry, out var address))
            {
                allParsed = false;
                errors.Add(K12, KubernetesCidrFields.NodeIps,
                    entry.Length == 0
                        ? $"'{text}' has an empty entry; give one address, or a dual-stack pair separated by a single comma."
                        : $"'{entry}' is not an IP address; give the node's address, e.g. 192.168.205.2 or aefd:205::2.");
                continue;
            }

            parsed.Add(address);
        }

        CheckNodeIpShape(entries.Length, allParsed ? parsed : null, text, cloudProvider, KubernetesCidrFields.NodeIps, errors);
        return parsed;
    }

    /// <summary>The kubelet's ParseNodeIPArgument rules on the shape of the list (K-12).</summary>
    private static void CheckNodeIpShape(int entryCount, IReadOnlyList<IPAddress>? addresses, string text, string? cloudProvider, string field, ErrorCollector errors)
    {
        if (entryCount > 2)
        {
            errors.Add(K12, field, $"'{text}' lists {entryCount} node IPs; the kubelet takes one address, or a dual-stack pair (one IPv4, one IPv6) primary first.");
            return;
        }

        if (addresses is not { Count: 2 })
        {
            return;
        }

        var family = IpFamilyExtensions.FamilyOf(addresses[0]);
        if (family == IpFamilyExtensions.FamilyOf(addresses[1]))
        {
            errors.Add(K12, field, $"'{text}' is two {family.Name()} addresses; a node IP pair must be dual-stack (one IPv4, one IPv6). Keep one, or replace the second with an {family.Other().Name()} address.");
            return;
        }

        if (cloudProvider is not null && cloudProvider != KubernetesLimits.ExternalCloudProvider)
        {
            errors.Add(K12, field, $"a dual-stack node IP pair '{text}' is not supported with cloud provider '{cloudProvider}'; give a single node IP, or use no cloud provider or 'external'.");
        }

        var unspecified = addresses.Where(a => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)).ToArray();
        if (unspecified.Length > 0)
        {
            errors.Add(K12, field, $"the dual-stack node IP pair '{text}' contains the unspecified address {unspecified[0]}; a pair must name the node's real IPv4 and IPv6 addresses (only a single node IP may be {unspecified[0]}).");
        }
    }

    private sealed record NodeMasks(bool DualStack, IReadOnlyDictionary<IpFamily, (int Mask, string? Field)> PerFamily);

    /// <summary>K-9 mask ranges and K-10 (legacy flag on dual-stack, per-family flag for a missing family, legacy with per-family).</summary>
    private static NodeMasks ResolveNodeMasks(KubernetesCidrSettings settings, CidrList? pods, CidrList? service, ErrorCollector errors)
    {
        var source = pods is { Cidrs.Count: > 0 } ? pods : service is { Cidrs.Count: > 0 } ? service : null;
        var families = source?.Cidrs.Select(s => s.Family).Distinct().ToArray() ?? [];
        var dualStack = families.Length == 2;
        var clusterWhat = source == pods ? "pod CIDRs" : "service CIDRs";

        var v4Valid = CheckMaskRange(settings.NodeMaskV4, IpFamily.IPv4.Width(), KubernetesCidrFields.NodeMaskV4, "an IPv4", errors);
        var v6Valid = CheckMaskRange(settings.NodeMaskV6, IpFamily.IPv6.Width(), KubernetesCidrFields.NodeMaskV6, "an IPv6", errors);
        var legacyWidth = families.Length == 1 ? families[0].Width() : IpFamily.IPv6.Width();
        var legacyWhat = families.Length == 1 ? $"an {families[0].Name()}" : "a";
        var legacyValid = CheckMaskRange(settings.NodeMask, legacyWidth, KubernetesCidrFields.NodeMask, legacyWhat, errors);

        if (settings.NodeMask is { } legacy)
        {
            if (dualStack)
            {
                errors.Add(K10, KubernetesCidrFields.NodeMask,
                    $"the family-less node mask {legacy} (--node-cidr-mask-size) is not allowed on a dual-stack cluster ({clusterWhat} {source!.Text}); drop it and use {KubernetesCidrFields.NodeMaskV4} / {KubernetesCidrFields.NodeMaskV6} (defaults {KubernetesLimits.DefaultNodeMaskV4} and {KubernetesLimits.DefaultNodeMaskV6}).");
            }
            else if (settings.NodeMaskV4 is not null || settings.NodeMaskV6 is not null)
            {
                var perFamily = settings.NodeMaskV4 is not null ? KubernetesCidrFields.NodeMaskV4 : KubernetesCidrFields.NodeMaskV6;
                errors.Add(K10, KubernetesCidrFields.NodeMask,
                    $"the family-less node mask {legacy} cannot be combined with {perFamily}; use either {KubernetesCidrFields.NodeMask} alone or the per-family flags alone.");
            }
        }

        if (families.Length == 1)
        {
            var family = families[0];
            if (settings.NodeMaskV4 is { } v4 && family == IpFamily.IPv6)
            {
                errors.Add(K10, KubernetesCidrFields.NodeMaskV4,
                    $"IPv4 node mask {v4} is set but the cluster has no IPv4 {clusterWhat[..^1]} ({source!.Text} is single-stack IPv6); drop {KubernetesCidrFields.NodeMaskV4} or add an IPv4 pod CIDR.");
            }

            if (settings.NodeMaskV6 is { } v6 && family == IpFamily.IPv4)
            {
                errors.Add(K10, KubernetesCidrFields.NodeMaskV6,
                    $"IPv6 node mask {v6} is set but the cluster has no IPv6 {clusterWhat[..^1]} ({source!.Text} is single-stack IPv4); drop {KubernetesCidrFields.NodeMaskV6} or add an IPv6 pod CIDR.");
            }
        }

        var perFamilyMasks = new Dictionary<IpFamily, (int Mask, string? Field)>();
        foreach (var family in families)
        {
            if (!dualStack && settings.NodeMask is { } legacyMask)
            {
                if (legacyValid)
                {
                    perFamilyMasks[family] = (legacyMask, KubernetesCidrFields.NodeMask);
                }

                continue;
            }

            var (given, valid, field) = family == IpFamily.IPv4
                ? (settings.NodeMaskV4, v4Valid, KubernetesCidrFields.NodeMaskV4)
                : (settings.NodeMaskV6, v6Valid, KubernetesCidrFields.NodeMaskV6);
            if (given is { } mask)
            {
                if (valid)
                {
                    perFamilyMasks[family] = (mask, field);
                }
            }
            else
            {
                perFamilyMasks[family] = (KubernetesLimits.DefaultNodeMask(family), null);
            }
        }

        return new NodeMasks(dualStack, perFamilyMasks);
    }

    private static bool CheckMaskRange(int? mask, int width, string field, string what, ErrorCollector errors)
    {
        if (mask is not { } value)
        {
            return true;
        }

        if (value >= 1 && value <= width)
        {
            return true;
        }

        errors.Add(K9, field, $"{value} is not {what} node mask length: it must be between 1 and {width}; omit {field} to use the default.");
        return false;
    }

    /// <summary>K-9: pod mask &lt;= node mask, node mask - pod mask &lt;= 16, and at least 14 pod addresses (kubeadm).</summary>
    private static List<FamilyNodePlan> CheckPodNodeMasks(CidrList pods, NodeMasks masks, ErrorCollector errors)
    {
        var plans = new List<FamilyNodePlan>();
        foreach (var pod in pods.Cidrs)
        {
            if (pod.Count < KubernetesLimits.MinimumPodAddresses)
            {
                errors.Add(K9, KubernetesCidrFields.PodCidrs,
                    $"pod CIDR {pod} holds only {pod.Count} address(es) and kubeadm needs at least {KubernetesLimits.MinimumPodAddresses}; use a shorter prefix (at most /{LongestPrefixHolding(pod.Family, KubernetesLimits.MinimumPodAddresses)}).");
            }

            if (!masks.PerFamily.TryGetValue(pod.Family, out var entry))
            {
                continue;
            }

            var (nodeMask, maskField) = entry;
            var field = maskField ?? KubernetesCidrFields.PodCidrs;
            var maskText = maskField is null ? $"the default {pod.Family.Name()} node mask /{nodeMask}" : $"node mask /{nodeMask} ({maskField})";
            if (pod.PrefixLength > nodeMask)
            {
                errors.Add(K9, field,
                    $"pod CIDR {pod} is smaller than one node's block: {maskText} is shorter than the pod prefix /{pod.PrefixLength}; use a node mask of /{pod.PrefixLength} or longer, or a larger pod CIDR.");
            }
            else if (nodeMask - pod.PrefixLength > KubernetesLimits.MaximumNodeMaskDifference)
            {
                var longestPod = nodeMask - KubernetesLimits.MaximumNodeMaskDifference;
                errors.Add(K9, field,
                    $"pod CIDR {pod} with {maskText} would cut it into 2^{nodeMask - pod.PrefixLength} node blocks; the node mask may be at most {KubernetesLimits.MaximumNodeMaskDifference} bits longer than the pod prefix. Use a pod CIDR of /{longestPod} or longer, or a node mask of at most /{pod.PrefixLength + KubernetesLimits.MaximumNodeMaskDifference}.");
            }
            else if (plans.All(p => p.Family != pod.Family))
            {
                plans.Add(new FamilyNodePlan(pod.Family, pod, nodeMask, NodeCapacity(pod.PrefixLength, nodeMask)));
            }
        }

        return plans;
    }

    /// <summary>K-14: the number of node blocks a pod CIDR holds, 2^(node mask - pod mask), exact for any exponent.</summary>
    public static BigInteger NodeCapacity(int podPrefixLength, int nodeMask)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(podPrefixLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeMask, podPrefixLength);
        return BigInteger.One << (nodeMask - podPrefixLength);
    }

    /// <summary>K-6: service[0], pod[0] and node-ip[0] are of one family.</summary>
    private static void CheckPrimaryFamilies(CidrList? service, CidrList? pods, List<IPAddress>? nodeIps, ErrorCollector errors)
    {
        (string Field, string What, IpFamily Family)? reference = null;
        if (service?.Primary is { } servicePrimary)
        {
            reference = (KubernetesCidrFields.ServiceCidrs, $"the primary service CIDR {servicePrimary}", servicePrimary.Family);
        }

        if (pods?.Primary is { } podPrimary)
        {
            if (reference is { } r && r.Family != podPrimary.Family)
            {
                errors.Add(K6, KubernetesCidrFields.PodCidrs,
                    $"the primary pod CIDR {podPrimary} is {podPrimary.Family.Name()} but {r.What} is {r.Family.Name()}; the site has one primary family, so list the {r.Family.Name()} pod CIDR first.");
            }

            reference ??= (KubernetesCidrFields.PodCidrs, $"the primary pod CIDR {podPrimary}", podPrimary.Family);
        }

        if (nodeIps is { Count: > 0 } && reference is { } reference2)
        {
            var first = nodeIps[0];
            var family = IpFamilyExtensions.FamilyOf(first);
            if (family != reference2.Family)
            {
                errors.Add(K6, KubernetesCidrFields.NodeIps,
                    $"the first node IP {first} is {family.Name()} but {reference2.What} is {reference2.Family.Name()}; the first node IP decides the node's primary family, so put the {reference2.Family.Name()} address first.");
            }
        }
    }

    private static KubernetesCidrPlan BuildPlan(
        KubernetesCidrSettings settings, CidrList? service, CidrList? pods, List<IPAddress>? nodeIps, string? cloudProvider, List<FamilyNodePlan> nodeCidrs)
    {
        IReadOnlyList<Subnet> serviceCidrs = service?.Cidrs ?? [];
        IReadOnlyList<Subnet> podCidrs = pods?.Cidrs ?? [];
        IReadOnlyList<IPAddress> addresses = nodeIps ?? [];

        IpFamily? primary = serviceCidrs.Count > 0 ? serviceCidrs[0].Family
            : podCidrs.Count > 0 ? podCidrs[0].Family
            : addresses.Count > 0 ? IpFamilyExtensions.FamilyOf(addresses[0])
            : null;
        var families = serviceCidrs.Select(s => s.Family).Concat(podCidrs.Select(p => p.Family)).Concat(addresses.Select(IpFamilyExtensions.FamilyOf))
            .Distinct().OrderBy(f => f == primary ? 0 : 1).ToArray();
        var cidrLists = new[] { serviceCidrs, podCidrs }.Where(l => l.Count > 0).ToArray();
        var dualStack = cidrLists.Length > 0 && cidrLists.All(l => l.Count == 2);
        var legacy = settings.NodeMask is not null && podCidrs.Count < 2;

        // K-13: the kubelet orders pod IPs with its node's primary family first; the plan assumes node-ip[0] is of
        // the site's primary family (K-3, K-6) when no node IP is given.
        var nodePrimary = addresses.Count > 0 ? IpFamilyExtensions.FamilyOf(addresses[0]) : primary ?? IpFamily.IPv4;
        var podIpFamilies = podCidrs.Select(p => p.Family).Distinct().OrderBy(f => f == nodePrimary ? 0 : 1).ToArray();

        var flags = new List<ComponentFlag>();
        var serviceText = string.Join(',', serviceCidrs);
        var podText = string.Join(',', podCidrs);
        if (serviceCidrs.Count > 0)
        {
            flags.Add(new ComponentFlag(ComponentFlag.KubeApiserver, "--service-cluster-ip-range", serviceText));
        }

        if (podCidrs.Count > 0)
        {
            flags.Add(new ComponentFlag(ComponentFlag.KubeControllerManager, "--allocate-node-cidrs", "true"));
            flags.Add(new ComponentFlag(ComponentFlag.KubeControllerManager, "--cluster-cidr", podText));
        }

        if (serviceCidrs.Count > 0)
        {
            flags.Add(new ComponentFlag(ComponentFlag.KubeControllerManager, "--service-cluster-ip-range", serviceText));
        }

        if (legacy && nodeCidrs.Count == 1)
        {
            flags.Add(new ComponentFlag(ComponentFlag.KubeControllerManager, "--node-cidr-mask-size", nodeCidrs[0].NodeMask.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            foreach (var node in nodeCidrs.OrderBy(n => n.Family))
            {
                var name = node.Family == IpFamily.IPv4 ? "--node-cidr-mask-size-ipv4" : "--node-cidr-mask-size-ipv6";
                flags.Add(new ComponentFlag(ComponentFlag.KubeControllerManager, name, node.NodeMask.ToString(CultureInfo.InvariantCulture)));
            }
        }

        if (podCidrs.Count > 0)
        {
            flags.Add(new ComponentFlag(ComponentFlag.KubeProxy, "clusterCIDR", podText));
        }

        if (addresses.Count > 0)
        {
            flags.Add(new ComponentFlag(ComponentFlag.Kubelet, "--node-ip", string.Join(',', addresses)));
        }

        if (cloudProvider is not null)
        {
            flags.Add(new ComponentFlag(ComponentFlag.Kubelet, "--cloud-provider", cloudProvider));
        }

        return new KubernetesCidrPlan(
            serviceCidrs, podCidrs, addresses, dualStack, primary, families, nodeCidrs, legacy, podIpFamilies, flags,
            [.. service?.Warnings ?? [], .. pods?.Warnings ?? [], .. Warnings(serviceCidrs, podCidrs, addresses, cloudProvider, nodeCidrs)]);
    }

    private static List<string> Warnings(
        IReadOnlyList<Subnet> service, IReadOnlyList<Subnet> pods, IReadOnlyList<IPAddress> nodeIps, string? cloudProvider, List<FamilyNodePlan> nodeCidrs)
    {
        var warnings = new List<string>();
        if (service.Count > 0 && pods.Count > 0 && service.Count != pods.Count)
        {
            warnings.Add($"service CIDRs ({string.Join(',', service)}) and pod CIDRs ({string.Join(',', pods)}) differ in dual-stackness; Services and Pods will not both get two families.");
        }

        if (pods.Count == 2 && nodeIps.Count == 1 && cloudProvider is null)
        {
            warnings.Add($"the pod CIDRs are dual-stack but --node-ip gives one address ({nodeIps[0]}); on bare metal the kubelet needs the dual-stack pair to report both node addresses.");
        }

        foreach (var node in nodeCidrs.Where(n => n.NodeCapacity < 2))
        {
            warnings.Add($"pod CIDR {node.PodCidr} with node mask /{node.NodeMask} holds a block for {node.NodeCapacity} node only; a second node gets no {node.Family.Name()} pod CIDR. Use a larger pod CIDR or a longer node mask.");
        }

        foreach (var s in service)
        {
            foreach (var p in pods.Where(p => p.Overlaps(s)))
            {
                warnings.Add($"service range {s} overlaps pod CIDR {p}; node IPAM skips the overlap and Service and Pod addresses may collide.");
            }
        }

        return warnings;
    }

    /// <summary>The longest prefix length of the family whose subnets hold at least <paramref name="addresses"/> addresses.</summary>
    private static int LongestPrefixHolding(IpFamily family, int addresses)
    {
        var hostBits = 0;
        while ((BigInteger.One << hostBits) < addresses)
        {
            hostBits++;
        }

        return family.Width() - hostBits;
    }
}
