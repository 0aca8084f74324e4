namespace DistributedCloud.Security.Access;

/// <summary>Done, or refused with a reason (S-8).</summary>
public enum AccessOutcome
{
    Done = 1,
    Refused = 2,
}

/// <summary>
/// One mutating or refused call for the audit log (S-8): who, with which role, from where, what, on what, and how it
/// ended. Never carries a secret.
/// </summary>
public sealed record AccessEvent(
    DateTimeOffset Time,
    string Identity,
    string? Role,
    string Source,
    string Method,
    string? Target,
    string? RequestId,
    AccessOutcome Outcome,
    string? Reason);
