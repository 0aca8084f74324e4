namespace DistributedCloud.Site.Persistence.Records;

/// <summary>The one row describing the site.</summary>
internal sealed class SiteRecord
{
    public int Id { get; set; }

    public Guid SystemUuid { get; set; }

    public string? Name { get; set; }

    public string Mode { get; set; } = string.Empty;

    public string? Release { get; set; }

    /// <summary>Comma-separated, in order.</summary>
    public string DnsServers { get; set; } = string.Empty;

    public bool KubernetesDualStack { get; set; }

    public long ConfigGeneration { get; set; }

    /// <summary>SHA-256 of the bootstrap file the site was created from.</summary>
    public string BootstrapDigest { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
