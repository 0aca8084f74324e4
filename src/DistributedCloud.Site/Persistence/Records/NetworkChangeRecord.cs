namespace DistributedCloud.Site.Persistence.Records;

/// <summary>An applied network change kept for replay by its operation id (ApplyNetworkChange).</summary>
internal sealed class NetworkChangeRecord
{
    public string OperationId { get; set; } = string.Empty;

    /// <summary>SHA-256 of the steps in canonical form.</summary>
    public string StepsDigest { get; set; } = string.Empty;

    /// <summary>The recorded outcome as JSON.</summary>
    public string Outcome { get; set; } = string.Empty;

    public DateTimeOffset AppliedAt { get; set; }
}
