namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>Row of <c>strategy_subclouds</c>: one subcloud's part of the strategy, its steps as JSON.</summary>
internal sealed class StrategySubcloudRecord
{
    public Guid StrategyId { get; set; }

    public string Subcloud { get; set; } = string.Empty;

    public int Position { get; set; }

    public string State { get; set; } = string.Empty;

    public string Steps { get; set; } = "[]";

    public string Notices { get; set; } = "[]";

    public string TargetPools { get; set; } = "[]";

    public string? Message { get; set; }

    public DateTimeOffset? PausedAt { get; set; }
}
