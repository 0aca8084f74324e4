using DistributedCloud.Site.Views;

namespace DistributedCloud.Site.Changes;

/// <summary>The answer of addrpool-modify: the pool, and the configuration change when it serves a network.</summary>
public sealed record PoolModifyOutcome(PoolView Pool, ConfigChange? Change);
