namespace DistributedCloud.Site.Persistence.Records;

internal sealed class PoolRecord
{
    public Guid Uuid { get; set; }

    /// <summary>Creation order, so the pools come back in the same order.</summary>
    public int Position { get; set; }

    public string Name { get; set; } = string.Empty;

    public string NetworkAddress { get; set; } = string.Empty;

    public int Prefix { get; set; }

    public string Order { get; set; } = string.Empty;

    /// <summary>Comma-separated <c>start-end</c> ranges.</summary>
    public string Ranges { get; set; } = string.Empty;

    public string? FloatingAddress { get; set; }

    public string? Controller0Address { get; set; }

    public string? Controller1Address { get; set; }

    public string? GatewayAddress { get; set; }
}
