namespace DistributedCloud.Controller.Core.Audit;

/// <summary>
/// When each subcloud is next audited, per audit kind (D-9: a clock per kind, never a shared counter). Each subcloud
/// gets a stable offset inside the interval from a hash of its name and the kind, so audits are spread over the
/// interval instead of all firing at once (D-8). A full audit (a subcloud back online, D-6) makes every kind due at
/// once. Not thread-safe: one audit loop owns it.
/// </summary>
public sealed class AuditSchedule
{
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<(string Subcloud, AuditKind Kind), DateTimeOffset> _due = [];

    public AuditSchedule(AuditOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
    }

    public int Count => _due.Count;

    /// <summary>Starts auditing a subcloud: its first audit of each kind falls at its offset in the next interval.</summary>
    public void Add(string subcloud)
    {
        var now = _time.GetUtcNow();
        foreach (var kind in Enum.GetValues<AuditKind>())
        {
            _due.TryAdd((subcloud, kind), now + Offset(subcloud, kind, _options.Interval(kind)));
        }
    }

    public void Remove(string subcloud)
    {
        foreach (var kind in Enum.GetValues<AuditKind>())
        {
            _due.Remove((subcloud, kind));
        }
    }

    public DateTimeOffset? NextDue(string subcloud, AuditKind kind) =>
        _due.TryGetValue((subcloud, kind), out var due) ? due : null;

    /// <summary>The audits due now, oldest first.</summary>
    public IReadOnlyList<(string Subcloud, AuditKind Kind)> Due()
    {
        var now = _time.GetUtcNow();
        return _due.Where(p => p.Value <= now).OrderBy(p => p.Value).ThenBy(p => p.Key.Subcloud, StringComparer.Ordinal)
            .Select(p => p.Key).ToArray();
    }

    /// <summary>The earliest due time, so the loop can sleep until then.</summary>
    public DateTimeOffset? Earliest() => _due.Count == 0 ? null : _due.Values.Min();

    /// <summary>
    /// An audit of the kind finished: the next one is one interval after the slot it was due in, keeping the subcloud's
    /// place in the spread; a slot already past (a slow sweep) moves to the next one still ahead.
    /// </summary>
    public void Completed(string subcloud, AuditKind kind)
    {
        if (!_due.TryGetValue((subcloud, kind), out var due))
        {
            return;
        }

        var interval = _options.Interval(kind);
        var now = _time.GetUtcNow();
        var next = due + interval;
        if (next <= now)
        {
            var behind = (now - due).Ticks / interval.Ticks;
            next = due + TimeSpan.FromTicks(interval.Ticks * (behind + 1));
        }

        _due[(subcloud, kind)] = next;
    }

    /// <summary>D-6: a subcloud that came back is audited in full at once.</summary>
    public void RequestFull(string subcloud)
    {
        var now = _time.GetUtcNow();
        foreach (var kind in Enum.GetValues<AuditKind>())
        {
            if (_due.ContainsKey((subcloud, kind)))
            {
                _due[(subcloud, kind)] = now;
            }
        }
    }

    /// <summary>A stable place in [0, interval) for the subcloud and kind (FNV-1a over the name and kind).</summary>
    public static TimeSpan Offset(string subcloud, AuditKind kind, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        if (interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var hash = 14695981039346656037UL;
        foreach (var c in subcloud)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ (ulong)kind) * 1099511628211UL;
        return TimeSpan.FromTicks((long)(hash % (ulong)interval.Ticks));
    }
}
