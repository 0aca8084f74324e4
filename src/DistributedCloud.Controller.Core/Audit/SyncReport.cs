using DistributedCloud.Controller.Core.Subclouds;

namespace DistributedCloud.Controller.Core.Audit;

/// <summary>The outcome of comparing an agent's site with the expected one: per-endpoint status and every difference.</summary>
public sealed record SyncReport(EndpointSyncStatus Status, IReadOnlyList<string> Differences)
{
    public IEnumerable<string> OutOfSyncEndpoints => Status.Endpoints.Where(p => p.Value == SyncStatus.OutOfSync).Select(p => p.Key);
}
