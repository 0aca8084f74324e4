namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>The sync status of each audited endpoint of one subcloud, and the overall status (D-7).</summary>
public sealed class EndpointSyncStatus : IEquatable<EndpointSyncStatus>
{
    private readonly SortedDictionary<string, SyncStatus> _statuses;

    private EndpointSyncStatus(SortedDictionary<string, SyncStatus> statuses)
    {
        _statuses = statuses;
    }

    /// <summary>Every endpoint <c>unknown</c>: a new, offline or unmanaged subcloud (D-3, D-6).</summary>
    public static EndpointSyncStatus AllUnknown { get; } = From(SyncEndpoints.All.Select(e => KeyValuePair.Create(e, SyncStatus.Unknown)));

    public IReadOnlyDictionary<string, SyncStatus> Endpoints => _statuses;

    /// <summary>
    /// D-7: out-of-sync if any endpoint is, else unknown if any is, else in-sync. An unknown endpoint never makes the
    /// overall status out-of-sync (upstream's rule does; that is a bug).
    /// </summary>
    public SyncStatus Overall => Combine(_statuses.Values);

    public static SyncStatus Combine(IEnumerable<SyncStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var any = false;
        var unknown = false;
        foreach (var status in statuses)
        {
            any = true;
            if (status == SyncStatus.OutOfSync)
            {
                return SyncStatus.OutOfSync;
            }

            unknown |= status == SyncStatus.Unknown;
        }

        return !any || unknown ? SyncStatus.Unknown : SyncStatus.InSync;
    }

    public static EndpointSyncStatus From(IEnumerable<KeyValuePair<string, SyncStatus>> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var map = new SortedDictionary<string, SyncStatus>(StringComparer.Ordinal);
        foreach (var endpoint in SyncEndpoints.All)
        {
            map[endpoint] = SyncStatus.Unknown;
        }

        foreach (var (endpoint, status) in statuses)
        {
            map[endpoint] = status;
        }

        return new EndpointSyncStatus(map);
    }

    public SyncStatus this[string endpoint] => _statuses.GetValueOrDefault(endpoint, SyncStatus.Unknown);

    public EndpointSyncStatus With(string endpoint, SyncStatus status) =>
        From(_statuses.Where(p => p.Key != endpoint).Append(KeyValuePair.Create(endpoint, status)));

    /// <summary>Stored form: <c>endpoint=status;...</c> in endpoint order.</summary>
    public string ToText() => string.Join(';', _statuses.Select(p => $"{p.Key}={p.Value.Name()}"));

    public static EndpointSyncStatus Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return From(text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var pieces = part.Split('=', 2);
            return KeyValuePair.Create(pieces[0], StateNames.Parse<SyncStatus>(pieces[1]));
        }));
    }

    public bool Equals(EndpointSyncStatus? other) => other is not null && _statuses.SequenceEqual(other._statuses);

    public override bool Equals(object? obj) => Equals(obj as EndpointSyncStatus);

    public override int GetHashCode() => ToText().GetHashCode(StringComparison.Ordinal);

    public override string ToString() => ToText();
}
