namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>An orchestration strategy (D-11..D-18): its plan, computed at create, and its progress.</summary>
public sealed record Strategy(
    Guid Id,
    StrategyType Type,
    StrategyState State,
    StrategyParameters Parameters,
    IReadOnlyList<SubcloudStrategy> Subclouds,
    IReadOnlyList<SkippedSubcloud> Skipped,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Error = null)
{
    public bool IsTerminal => State is StrategyState.Complete or StrategyState.Failed or StrategyState.Aborted;

    public int Done => Subclouds.Count(s => s.State == StepState.Succeeded);

    public int FailedCount => Subclouds.Count(s => s.State == StepState.Failed);

    public int Running => Subclouds.Count(s => s.IsInProgress);

    public SubcloudStrategy For(string subcloud) =>
        Subclouds.FirstOrDefault(s => s.Subcloud == subcloud)
            ?? throw new ArgumentException($"subcloud '{subcloud}' is not part of the strategy", nameof(subcloud));

    /// <summary>D-18: the operation id of a step, the same on every computation of the same plan.</summary>
    public static string OperationId(Guid strategyId, string subcloud, int index) =>
        FormattableString.Invariant($"nm-{strategyId:N}-{subcloud}-{index:D3}");
}
