namespace DistributedCloud.Site.Pods;

/// <summary>
/// A pod as far as the network rules care (N-27): its name and whether it holds an address of each family. A pod
/// keeps the addresses it was created with until it is restarted.
/// </summary>
public sealed record SitePod(string Name, bool DualStack, DateTimeOffset StartedAt);
