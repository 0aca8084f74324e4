namespace DistributedCloud.Site.Persistence.Records;

/// <summary>An address handed out to a host from a pool that fixes none for it.</summary>
internal sealed class HostAddressRecord
{
    public string HostName { get; set; } = string.Empty;

    public Guid PoolUuid { get; set; }

    public string Address { get; set; } = string.Empty;
}
