using DistributedCloud.Site.Views;

namespace DistributedCloud.Site.Changes;

/// <summary>What one step of a network change produced: the pool, the assignment, or the uuid removed.</summary>
public sealed record NetworkChangeStepResult(int Index, PoolView? Pool = null, NetworkPoolView? Assignment = null, Guid? RemovedUuid = null);

/// <summary>
/// The answer of <see cref="SiteManager.ApplyNetworkChangeAsync"/>: the result of each step, the config target the
/// change produced (null when no step changed the configuration) and the operator notices. <see cref="Replayed"/> is
/// true when the operation id had been applied before and this is its recorded outcome; <see cref="Changes"/> (the
/// configuration changes in full) is then empty, as nothing happened this time.
/// </summary>
public sealed record NetworkChangeOutcome(
    string OperationId,
    IReadOnlyList<NetworkChangeStepResult> Results,
    string? ConfigTarget,
    IReadOnlyList<string> Notices,
    DateTimeOffset AppliedAt,
    bool Replayed = false,
    bool DryRun = false)
{
    public IReadOnlyList<ConfigChange> Changes { get; init; } = [];
}

/// <summary>A network change as the site remembers it for replay: its operation id, the digest of its steps, its outcome.</summary>
public sealed record RecordedNetworkChange(string OperationId, string StepsDigest, NetworkChangeOutcome Outcome);
