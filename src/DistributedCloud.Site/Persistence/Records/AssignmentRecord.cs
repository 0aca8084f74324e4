namespace DistributedCloud.Site.Persistence.Records;

/// <summary>A pool attached to a network: the primary, or the secondary.</summary>
internal sealed class AssignmentRecord
{
    public Guid Uuid { get; set; }

    public Guid NetworkUuid { get; set; }

    public Guid PoolUuid { get; set; }

    public bool IsPrimary { get; set; }
}
