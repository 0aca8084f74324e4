using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;

namespace DistributedCloud.Networking.Changes;

/// <summary>A secondary pool of <paramref name="Family"/> assigned to or removed from a network.</summary>
public sealed record NetworkChange(NetworkType Network, PoolChangeKind Kind, IpFamily Family);
