using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Networking.Networks;

namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>
/// D-13: <c>strategy create network-mode --target dual-stack|single-stack [--networks ...] [--secondary-subnets FILE]
/// [--group G | --subclouds A,B] [--subcloud-apply-type serial|parallel] [--max-parallel-subclouds N] [--stop-on-failure]</c>.
/// </summary>
public sealed record StrategyParameters(
    NetworkModeTarget Target,
    ApplyType ApplyType = ApplyType.Parallel,
    int? MaxParallelSubclouds = null,
    bool StopOnFailure = false,
    string? Group = null,
    IReadOnlyList<string>? Subclouds = null,
    IReadOnlyList<NetworkType>? Networks = null,
    SecondarySubnets? SecondarySubnets = null)
{
    public const int DefaultMaxParallel = 2;

    /// <summary>D-13: serial runs one at a time; parallel defaults to 2.</summary>
    public int EffectiveMaxParallel => ApplyType == ApplyType.Serial ? 1 : MaxParallelSubclouds ?? DefaultMaxParallel;
}
