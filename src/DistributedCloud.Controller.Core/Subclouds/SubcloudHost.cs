using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>A host the controller expects on a subcloud (from its bootstrap plan).</summary>
public sealed record SubcloudHost(string Name, HostRole Role)
{
    public SiteHost ToSiteHost() => new(Name, Role);
}
