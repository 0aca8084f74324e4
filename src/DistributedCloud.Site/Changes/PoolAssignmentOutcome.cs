using DistributedCloud.Site.Views;

namespace DistributedCloud.Site.Changes;

/// <summary>The answer of network-addrpool-assign and network-addrpool-remove.</summary>
public sealed record PoolAssignmentOutcome(NetworkPoolView Assignment, ConfigChange Change);
