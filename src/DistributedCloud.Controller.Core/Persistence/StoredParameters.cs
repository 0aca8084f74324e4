using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Networking.Networks;

namespace DistributedCloud.Controller.Core.Persistence;

/// <summary>The stored (JSON) form of <see cref="StrategyParameters"/>.</summary>
internal sealed record StoredParameters(
    NetworkModeTarget Target,
    ApplyType ApplyType,
    int? MaxParallelSubclouds,
    bool StopOnFailure,
    string? Group,
    IReadOnlyList<string>? Subclouds,
    IReadOnlyList<NetworkType>? Networks,
    Dictionary<string, Dictionary<string, string>>? SecondarySubnets)
{
    public static StoredParameters From(StrategyParameters p) => new(
        p.Target,
        p.ApplyType,
        p.MaxParallelSubclouds,
        p.StopOnFailure,
        p.Group,
        p.Subclouds,
        p.Networks,
        p.SecondarySubnets?.Entries.ToDictionary(e => e.Key, e => e.Value.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), StringComparer.Ordinal));

    public StrategyParameters ToParameters() => new(
        Target,
        ApplyType,
        MaxParallelSubclouds,
        StopOnFailure,
        Group,
        Subclouds,
        Networks,
        SecondarySubnets is null
            ? null
            : new SecondarySubnets(SecondarySubnets.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value, StringComparer.Ordinal)));
}
