namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>
/// Row of <c>audit_events</c> (S-8): one mutating or refused call, or the refusals of one source, identity, method and
/// reason within one UTC minute (<see cref="Count"/>). <see cref="Time"/> is UTC as a <see cref="DateTime"/>, which
/// SQLite compares and orders in queries (a <see cref="DateTimeOffset"/> it only matches for equality).
/// </summary>
internal sealed class AuditEventRecord
{
    public long Id { get; set; }

    public DateTime Time { get; set; }

    public string Identity { get; set; } = string.Empty;

    public string? Role { get; set; }

    public string Source { get; set; } = string.Empty;

    public string Method { get; set; } = string.Empty;

    public string? Target { get; set; }

    public string? RequestId { get; set; }

    public string Outcome { get; set; } = string.Empty;

    public string? Reason { get; set; }

    public int Count { get; set; }
}
