using DistributedCloud.Site.Views;

namespace DistributedCloud.Site.Changes;

/// <summary>The answer of addrpool-delete: the pool removed, and the configuration change when it served a network.</summary>
public sealed record PoolDeleteOutcome(PoolView Pool, string? DeletedNetwork, ConfigChange? Change);
