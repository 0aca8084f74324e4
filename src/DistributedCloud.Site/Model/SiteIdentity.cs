using System.Net;

namespace DistributedCloud.Site.Model;

/// <summary>What a site is, fixed at bootstrap: its system uuid, name, release, DNS servers and creation time.</summary>
public sealed record SiteIdentity(
    Guid SystemUuid,
    string? Name,
    string? Release,
    IReadOnlyList<IPAddress> DnsServers,
    DateTimeOffset CreatedAt);
