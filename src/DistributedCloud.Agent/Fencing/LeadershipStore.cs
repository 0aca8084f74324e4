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

    /// <summary>
    /// The caller claims an epoch above the one this agent holds: refused until geo-redundancy defines how epochs
    /// advance (S-5, G-11), so no caller can make itself the leader for good by claiming the largest epoch.
    /// </summary>
    AboveHeld,

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

    private string _path = string.Empty;
    private Leadership _current = Leadership.None;


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

    /// <summary>Decides on a caller against the leadership held (read from memory; nothing is written).</summary>
    public (FencingDecision Decision, Leadership Current) Admit(string controllerId, ulong epoch)
    {
        var current = Current;
        return (Decide(current, controllerId, epoch), current);
    }

    internal static FencingDecision Decide(Leadership current, string controllerId, ulong epoch)
    {
        if (epoch > current.Epoch)
        {
            return FencingDecision.AboveHeld;
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
}
