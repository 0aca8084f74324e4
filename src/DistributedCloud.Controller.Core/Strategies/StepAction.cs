using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;

namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>The payload of a step: the network and pool it changes, or the host it acts on.</summary>
public sealed record StepAction(StepKind Kind, NetworkType? Network = null, string? Pool = null, AddressPoolSpec? PoolSpec = null, string? Host = null)
{
    /// <summary>The step as the plan shows it: <c>add pool oam-ipv4 (10.20.2.0/24)</c>, <c>lock controller-1</c>.</summary>
    public string Describe() => Kind switch
    {
        StepKind.AddPool => $"add pool {Pool} ({PoolSpec?.Network}/{PoolSpec?.Prefix})",
        StepKind.AssignPool => $"assign {Pool} to {Network?.Name()}",
        StepKind.RemovePool => $"remove {Pool} from {Network?.Name()}",
        StepKind.DeletePool => $"delete pool {Pool}",
        StepKind.LockHost => $"lock {Host}",
        StepKind.UnlockHost => $"unlock {Host}",
        _ => $"swact {Host}",
    };
}
