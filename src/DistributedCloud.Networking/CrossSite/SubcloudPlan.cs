using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Networking.CrossSite;

/// <summary>A subcloud as the cross-site rules see it: its name, release and site networks.</summary>
public sealed record SubcloudPlan(string Name, string? Release, SiteNetworks Networks);
