namespace DistributedCloud.Controller.Core.Audit;

/// <summary>Audit settings (configuration section <c>Audit</c>), D-5..D-9.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How often each subcloud's availability is audited (D-5, default 30 s).</summary>
    public TimeSpan AvailabilityInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each subcloud's sync status is audited (its own clock, D-9).</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed audits after which an online subcloud is offline (D-6).</summary>
    public int FailuresBeforeOffline { get; set; } = 2;

    /// <summary>Agent calls running at once (D-8).</summary>
    public int MaxConcurrency { get; set; } = 50;

    /// <summary>Deadline of one agent call, so a slow or dead agent never delays the others (D-8).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Interval(AuditKind kind) => kind == AuditKind.Sync ? SyncInterval : AvailabilityInterval;
}
