namespace DistributedCloud.Site.Persistence.Records;

internal sealed class PodRecord
{
    public string Name { get; set; } = string.Empty;

    public bool DualStack { get; set; }

    public DateTimeOffset StartedAt { get; set; }
}
