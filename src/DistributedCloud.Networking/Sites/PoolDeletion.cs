using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;

namespace DistributedCloud.Networking.Sites;

/// <summary>What deleting a pool did: it may also have detached it, or deleted the admin network (N-12).</summary>
public sealed record PoolDeletion(AddressPool Pool, PoolAssignmentResult? Detached, PlatformNetwork? DeletedNetwork);
