using DistributedCloud.Controller.Core.Alarms;
using DistributedCloud.Controller.Core.Subclouds;

namespace DistributedCloud.Controller.Core.Audit;

/// <summary>
/// What one audit changes: the subcloud as it now is, the alarms to raise or clear, whether a full audit is due at
/// once (D-6, back online) and the availability transition, if any.
/// </summary>
public sealed record AuditOutcome(
    Subcloud Subcloud,
    IReadOnlyList<AlarmChange> Alarms,
    bool FullAuditRequested,
    AvailabilityTransition Transition,
    SyncReport? Sync);
