namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>Row of <c>strategies</c>: at most one (D-11).</summary>
internal sealed class StrategyRecord
{
    public Guid Id { get; set; }

    public string Type { get; set; } = string.Empty;

    public string State { get; set; } = string.Empty;

    public string Parameters { get; set; } = "{}";

    public string Skipped { get; set; } = "[]";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? Error { get; set; }
}
