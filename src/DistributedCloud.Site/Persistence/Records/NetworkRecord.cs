namespace DistributedCloud.Site.Persistence.Records;

internal sealed class NetworkRecord
{
    public Guid Uuid { get; set; }

    public string Type { get; set; } = string.Empty;
}
