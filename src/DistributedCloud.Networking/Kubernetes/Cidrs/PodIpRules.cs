using System.Net;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Networking.Kubernetes.Cidrs;

/// <summary>K-13: a Pod's <c>status.podIP</c> / <c>status.podIPs</c>, as the kubelet orders them and the API server checks them.</summary>
public static class PodIpRules
{
    private const string K13 = "K-13";

    /// <summary>
    /// The kubelet's ordering: the first address of the node's primary family, then the first of the other family;
    /// extra addresses of a family already present are dropped. Without node IPs the primary family is IPv4.
    /// </summary>
    public static IReadOnlyList<IPAddress> Order(IEnumerable<IPAddress> podIps, IReadOnlyList<IPAddress> nodeIps)
    {
        ArgumentNullException.ThrowIfNull(podIps);
        ArgumentNullException.ThrowIfNull(nodeIps);
        var primary = nodeIps.Count == 0 ? IpFamily.IPv4 : IpFamilyExtensions.FamilyOf(nodeIps[0]);
        var all = podIps.ToArray();
        var ordered = new List<IPAddress>(2);
        foreach (var family in new[] { primary, primary.Other() })
        {
            var first = all.FirstOrDefault(ip => IpFamilyExtensions.FamilyOf(ip) == family);
            if (first is not null)
            {
                ordered.Add(first);
            }
        }

        return ordered;
    }

    /// <summary>Checks <c>podIP</c> against <c>podIPs</c>: every entry an address, at most one per family, and podIP == podIPs[0].</summary>
    public static IReadOnlyList<DomainError> Validate(string? podIp, IReadOnlyList<string> podIps)
    {
        ArgumentNullException.ThrowIfNull(podIps);
        var errors = new ErrorCollector();
        var parsed = new List<IPAddress>();
        for (var i = 0; i < podIps.Count; i++)
        {
            if (IpAddressMath.TryParseStrict(podIps[i], out var address))
            {
                parsed.Add(address);
            }
            else
            {
                errors.Add(K13, $"status.podIPs[{i}]", $"'{podIps[i]}' is not an IP address; each pod IP must be a plain IPv4 or IPv6 address.");
            }
        }

        if (podIps.Count > 2)
        {
            errors.Add(K13, "status.podIPs", $"{podIps.Count} pod IPs are listed; a Pod has at most one IP per family (two in all).");
        }
        else if (parsed.Count == 2 && IpFamilyExtensions.FamilyOf(parsed[0]) == IpFamilyExtensions.FamilyOf(parsed[1]))
        {
            errors.Add(K13, "status.podIPs", $"{parsed[0]} and {parsed[1]} are both {IpFamilyExtensions.FamilyOf(parsed[0]).Name()}; a Pod has at most one IP per family.");
        }

        if (podIps.Count > 0 && !string.Equals(podIp, podIps[0], StringComparison.Ordinal))
        {
            errors.Add(K13, "status.podIP", $"podIP '{podIp}' differs from podIPs[0] '{podIps[0]}'; the legacy podIP must repeat the first entry of podIPs.");
        }
        else if (podIps.Count == 0 && !string.IsNullOrEmpty(podIp))
        {
            errors.Add(K13, "status.podIPs", $"podIP '{podIp}' is set but podIPs is empty; podIPs must list it first.");
        }

        return errors.Errors.ToArray();
    }
}
