using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;

namespace DistributedCloud.Networking.Sites;

/// <summary>One row of <c>network-addrpool-list</c> (N-19).</summary>
public sealed record AssignmentRow(NetworkPoolAssignment Assignment, PlatformNetwork Network, AddressPool Pool);
