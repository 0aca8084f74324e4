using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;
using AgentSystemMode = DistributedCloud.Contracts.Agent.V1.SystemMode;
using SystemMode = DistributedCloud.Networking.Sites.SystemMode;

namespace DistributedCloud.Controller.Core.Audit;

/// <summary>
/// D-7: compares what an agent reports (agent.proto's <c>Site</c>) with what the controller expects, per endpoint:
/// <c>platform-network</c> (mode, primary family, each network's subnets in order), <c>hosts</c> (the expected hosts,
/// none config out-of-date) and <c>kubernetes</c> (dual-stack on exactly when expected, N-26).
/// </summary>
public static class SyncComparer
{
    public static SyncReport Compare(ExpectedSite expected, Site reported)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(reported);
        var differences = new List<string>();

        var network = new List<string>();
        if (ModeOf(reported.SystemMode) is { } mode && mode != expected.Mode)
        {
            network.Add($"system mode is {mode.Name()}, expected {expected.Mode.Name()}");
        }

        if (FamilyOf(reported.PrimaryFamily) is { } family && family != expected.PrimaryFamily)
        {
            network.Add($"primary family is {family.Name()}, expected {expected.PrimaryFamily.Name()}");
        }

        var reportedNetworks = new Dictionary<NetworkType, IReadOnlyList<string>>();
        foreach (var n in reported.Networks)
        {
            if (NetworkTypes.TryParse(n.Type, out var type))
            {
                reportedNetworks[type] = n.Pools.Select(p => Normalize(p.Network, p.Prefix)).ToArray();
            }
        }

        foreach (var (type, subnets) in expected.Networks.OrderBy(p => p.Key.DefaultId()))
        {
            var want = subnets.Select(s => s.ToString()).ToArray();
            if (!reportedNetworks.TryGetValue(type, out var have))
            {
                network.Add($"network {type.Name()} is missing (expected {string.Join(", ", want)})");
            }
            else if (!want.SequenceEqual(have))
            {
                network.Add($"network {type.Name()} has {Describe(have)}, expected {string.Join(", ", want)}");
            }
        }

        foreach (var type in reportedNetworks.Keys.Where(t => !expected.Networks.ContainsKey(t)).OrderBy(t => t.DefaultId()))
        {
            network.Add($"network {type.Name()} is not expected ({Describe(reportedNetworks[type])})");
        }

        var hosts = new List<string>();
        var reportedHosts = reported.Hosts.Select(h => h.Hostname).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in expected.Hosts.Where(h => !reportedHosts.Contains(h)))
        {
            hosts.Add($"host {missing} is missing");
        }

        foreach (var extra in reported.Hosts.Select(h => h.Hostname).Where(h => !expected.Hosts.Contains(h)).Order(StringComparer.Ordinal))
        {
            hosts.Add($"host {extra} is not expected");
        }

        foreach (var host in reported.Hosts.Where(h => h.ConfigOutOfDate))
        {
            hosts.Add($"host {host.Hostname} is config out-of-date");
        }

        var kubernetes = new List<string>();
        var reportedDual = ExpectedSite.KubernetesDualStackOf(reportedNetworks.ToDictionary(p => p.Key, p => p.Value.Count));
        if (reportedDual != expected.KubernetesDualStack)
        {
            kubernetes.Add($"Kubernetes is {(reportedDual ? "dual-stack" : "single-stack")}, expected {(expected.KubernetesDualStack ? "dual-stack" : "single-stack")}");
        }

        differences.AddRange(network.Select(d => $"{SyncEndpoints.PlatformNetwork}: {d}"));
        differences.AddRange(hosts.Select(d => $"{SyncEndpoints.Hosts}: {d}"));
        differences.AddRange(kubernetes.Select(d => $"{SyncEndpoints.Kubernetes}: {d}"));
        var status = EndpointSyncStatus.From(
        [
            KeyValuePair.Create(SyncEndpoints.PlatformNetwork, network.Count == 0 ? SyncStatus.InSync : SyncStatus.OutOfSync),
            KeyValuePair.Create(SyncEndpoints.Hosts, hosts.Count == 0 ? SyncStatus.InSync : SyncStatus.OutOfSync),
            KeyValuePair.Create(SyncEndpoints.Kubernetes, kubernetes.Count == 0 ? SyncStatus.InSync : SyncStatus.OutOfSync),
        ]);
        return new SyncReport(status, differences);
    }

    private static string Describe(IReadOnlyList<string> subnets) => subnets.Count == 0 ? "no pools" : string.Join(", ", subnets);

    private static string Normalize(string network, uint prefix) =>
        Subnet.TryParse($"{network}/{prefix}", out var subnet, out _) ? subnet.ToString() : $"{network}/{prefix}";

    internal static SystemMode? ModeOf(AgentSystemMode mode) => mode switch
    {
        AgentSystemMode.Simplex => SystemMode.Simplex,
        AgentSystemMode.Duplex or AgentSystemMode.DuplexDirect => SystemMode.Duplex,
        AgentSystemMode.Standard => SystemMode.Standard,
        _ => null,
    };

    internal static IpFamily? FamilyOf(AddressFamily family) => family switch
    {
        AddressFamily.Ipv4 => IpFamily.IPv4,
        AddressFamily.Ipv6 => IpFamily.IPv6,
        _ => null,
    };
}
