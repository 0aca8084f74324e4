using DistributedCloud.Security.Access;

namespace DistributedCloud.Controller.Core.Access;

/// <summary>
/// One row of the audit log (S-8): a call, or for refusals the <see cref="Count"/> refusals of one source, identity,
/// method and reason within the UTC minute of <see cref="Time"/> (the first of them).
/// </summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset Time,
    string Identity,
    string? Role,
    string Source,
    string Method,
    string? Target,
    string? RequestId,
    AccessOutcome Outcome,
    string? Reason,
    int Count);
