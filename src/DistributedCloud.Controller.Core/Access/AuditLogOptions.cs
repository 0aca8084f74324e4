namespace DistributedCloud.Controller.Core.Access;

/// <summary>Audit log settings (configuration section <c>AuditLog</c>, S-8).</summary>
public sealed class AuditLogOptions
{
    public const string Section = "AuditLog";

    /// <summary>The shortest retention accepted: less would throw away what an investigation needs.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromHours(1);

    /// <summary>How long an event is kept (default 90 days); older ones are deleted by <see cref="AuditRetention"/>.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}
