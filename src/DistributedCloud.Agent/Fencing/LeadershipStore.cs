using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistributedCloud.Agent.Fencing;

/// <summary>The leader this agent obeys: a controller id and its leadership epoch (G-10).</summary>
public sealed record Leadership(
    [property: JsonPropertyName("controller_id")] string ControllerId,
    [property: JsonPropertyName("epoch")] ulong Epoch,
    [property: JsonPropertyName("accepted_at")] DateTimeOffset? AcceptedAt)
{
    /// <summary>Before any controller claimed an epoch above 0: no leader, every caller at epoch 0 is obeyed.</summary>
    public static readonly Leadership None = new(string.Empty, 0, null);
}

/// <summary>The outcome of checking a caller against the leadership.</summary>
public enum FencingDecision
{
    /// <summary>The caller is the leader at the current epoch, or the epoch is 0 and nobody claimed a higher one.</summary>
    Accepted,

    /// <summary>The caller brought a higher epoch: it is now the leader, recorded before the call runs.</summary>
    Advanced,

    /// <summary>A lower epoch, or another controller at the current epoch: refused.</summary>
    Stale,
}

/// <summary>
/// The highest leadership epoch this agent has accepted and the controller that holds it, kept in
/// <c>leadership.json</c> in the data directory (written to a temporary file, flushed, then renamed, so a crash leaves
/// the old record or the new one). Checks answer from memory; only an advance writes, one at a time.
/// </summary>
public sealed class LeadershipStore
{
    public const string FileName = "leadership.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly TimeProvider _time;
    private string _path = string.Empty;
    private Leadership _current = Leadership.None;

    public LeadershipStore(TimeProvider time)
    {
        _time = time;
    }

    public Leadership Current => Volatile.Read(ref _current);

    public string Path => _path;

    /// <summary>Reads the record of the data directory (none yet: no leader).</summary>
    public void Load(string dataDirectory)
    {
        _path = System.IO.Path.Combine(dataDirectory, FileName);
        if (!File.Exists(_path))
        {
            Volatile.Write(ref _current, Leadership.None);
            return;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Leadership>(File.ReadAllText(_path), Json)
                ?? throw new JsonException("the file holds no record");
            Volatile.Write(ref _current, stored with { ControllerId = stored.ControllerId ?? string.Empty });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"the leadership record '{_path}' is unreadable ({ex.Message}); restore it from a backup, or delete it only if you are sure no controller holds an epoch above 0 for this site (G-10)", ex);
        }
    }

    /// <summary>Decides on a caller; an advance is stored before it is answered.</summary>
    public async ValueTask<(FencingDecision Decision, Leadership Before)> AdmitAsync(string controllerId, ulong epoch, CancellationToken cancellationToken)
    {
        var current = Current;
        var decision = Decide(current, controllerId, epoch);
        if (decision != FencingDecision.Advanced)
        {
            return (decision, current);
        }

        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = Current;
            decision = Decide(current, controllerId, epoch);
            if (decision == FencingDecision.Advanced)
            {
                var next = new Leadership(controllerId, epoch, _time.GetUtcNow());
                await WriteAsync(next, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, next);
            }

            return (decision, current);
        }
        finally
        {
            _write.Release();
        }
    }

    internal static FencingDecision Decide(Leadership current, string controllerId, ulong epoch)
    {
        if (epoch > current.Epoch)
        {
            return FencingDecision.Advanced;
        }

        if (epoch < current.Epoch)
        {
            return FencingDecision.Stale;
        }

        // Same epoch: at 0 nobody leads yet (no geo-redundancy), so every caller is obeyed; above 0 only the holder.
        return epoch == 0 || string.Equals(controllerId, current.ControllerId, StringComparison.Ordinal)
            ? FencingDecision.Accepted
            : FencingDecision.Stale;
    }

    private async Task WriteAsync(Leadership record, CancellationToken cancellationToken)
    {
        var temp = $"{_path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await JsonSerializer.SerializeAsync(stream, record, Json, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, _path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
