using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Site.Views;

/// <summary>A platform network as network-list prints it, with its pools primary first; immutable.</summary>
public sealed record NetworkView(
    int Id,
    Guid Uuid,
    string Name,
    string Type,
    bool Dynamic,
    Guid PoolUuid,
    IpFamily PrimaryPoolFamily,
    IReadOnlyList<PoolView> Pools)
{
    public bool IsDualStack => Pools.Count == 2;
}
