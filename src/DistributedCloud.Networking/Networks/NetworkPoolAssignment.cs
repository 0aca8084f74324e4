namespace DistributedCloud.Networking.Networks;

/// <summary>One row of <c>network-addrpool-list</c>: a pool attached to a network.</summary>
public sealed record NetworkPoolAssignment(Guid Uuid, Guid PoolUuid, bool IsPrimary);
