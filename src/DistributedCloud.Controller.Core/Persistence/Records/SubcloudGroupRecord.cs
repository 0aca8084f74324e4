namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>Row of <c>subcloud_groups</c> (D-10).</summary>
internal sealed class SubcloudGroupRecord
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string ApplyType { get; set; } = string.Empty;

    public int MaxParallelSubclouds { get; set; }
}
