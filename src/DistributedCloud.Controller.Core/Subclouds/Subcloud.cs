using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>A subcloud as the system controller records it (D-1). Immutable: each rule returns a changed copy.</summary>
public sealed record Subcloud
{
    public required string Name { get; init; }

    /// <summary>Unique 32-hex id generated at add (D-1).</summary>
    public required string Region { get; init; }

    public string? Description { get; init; }

    public string? Location { get; init; }

    public string? Release { get; init; }

    public required SystemMode Mode { get; init; }

    public required string Group { get; init; }

    public ManagementState Management { get; init; } = ManagementState.Unmanaged;

    public SubcloudAvailability Availability { get; init; } = SubcloudAvailability.Offline;

    public DeployStatus DeployStatus { get; init; } = DeployStatus.NotDeployed;

    public required IpFamily PrimaryFamily { get; init; }

    /// <summary>The pools the controller expects, attached, primary first per network.</summary>
    public required IReadOnlyList<SubcloudPool> Pools { get; init; }

    public required IReadOnlyList<SubcloudHost> Hosts { get; init; }

    public required AgentEndpoint Agent { get; init; }

    public EndpointSyncStatus Sync { get; init; } = EndpointSyncStatus.AllUnknown;

    /// <summary>Consecutive failed availability audits (D-6).</summary>
    public int AuditFailures { get; init; }

    public DateTimeOffset? LastAudit { get; init; }

    public string? Error { get; init; }

    /// <summary>The bootstrap file's text it was added with.</summary>
    public required string BootstrapYaml { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Bumped on each stored change (optimistic concurrency between commands and audits).</summary>
    public long Version { get; init; }

    public SyncStatus OverallSync => Sync.Overall;

    /// <summary>True when any network but pxeboot has a secondary pool.</summary>
    public bool IsDualStack => Pools.Any(p => !p.IsPrimary && p.Network != NetworkType.Pxeboot);

    /// <summary><c>dual-stack</c> or <c>single-stack IPv4|IPv6</c>, as the subcloud list shows it.</summary>
    public string NetworkMode => IsDualStack ? "dual-stack" : $"single-stack {PrimaryFamily.Name()}";

    /// <summary>Per network: the primary subnet and the secondary one, if any.</summary>
    public IReadOnlyList<(NetworkType Network, string Primary, string? Secondary)> Subnets =>
        Pools.GroupBy(p => p.Network)
            .OrderBy(g => g.Key.DefaultId())
            .Select(g => (g.Key, g.First(p => p.IsPrimary).Subnet, g.FirstOrDefault(p => !p.IsPrimary)?.Subnet))
            .ToArray();

    public IReadOnlyList<SubcloudPool> PoolsOf(NetworkType network) =>
        Pools.Where(p => p.Network == network).OrderBy(p => p.IsPrimary ? 0 : 1).ToArray();

    public bool IsNetworkDualStack(NetworkType network) => Pools.Count(p => p.Network == network) == 2;

    public bool HasNetwork(NetworkType network) => Pools.Any(p => p.Network == network);
}
