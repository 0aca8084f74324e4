using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistributedCloud.Controller.Backup;

/// <summary>
/// The first entry of a backup: what wrote it and when, and every file with its size and SHA-256, so a restore can
/// check the whole archive before it writes anything (S-8a).
/// </summary>
public sealed record BackupManifest
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },

        // Read by people too ("1.0.0+be706ec", not "1.0.0\u002Bbe706ec"); never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Format { get; init; } = BackupFormat.Name;

    public int FormatVersion { get; init; } = BackupFormat.Version;

    public DateTimeOffset Created { get; init; }

    /// <summary>The controller's informational version that wrote the backup.</summary>
    public string ProgramVersion { get; init; } = string.Empty;

    /// <summary>Where the data directory was (for the operator's eyes only; a restore goes wherever --data-dir says).</summary>
    public string SourceDirectory { get; init; } = string.Empty;

    public IReadOnlyList<BackupEntry> Files { get; init; } = [];

    public long TotalBytes => Files.Sum(f => f.Size);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads and checks a manifest; anything that is not a manifest this version can restore is refused, naming the field.</summary>
    public static BackupManifest Parse(ReadOnlySpan<byte> utf8, string archive)
    {
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(utf8, Json);
        }
        catch (JsonException bad)
        {
            throw Refused(archive, $"its {BackupFormat.ManifestEntry} is not valid JSON ({bad.Message})");
        }

        if (manifest is null || manifest.Format != BackupFormat.Name)
        {
            throw Refused(archive, $"{BackupFormat.ManifestEntry} field 'format' is '{manifest?.Format}', not '{BackupFormat.Name}': this is not a controller backup");
        }

        if (manifest.FormatVersion > BackupFormat.Version || manifest.FormatVersion < 1)
        {
            throw new BackupRefusedException(archive,
                $"{BackupFormat.ManifestEntry} field 'format_version' is {manifest.FormatVersion.ToString(CultureInfo.InvariantCulture)}; this controller reads version {BackupFormat.Version.ToString(CultureInfo.InvariantCulture)}",
                $"restore it with the controller version that wrote it ({manifest.ProgramVersion}) or newer; nothing was written");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files ?? throw Refused(archive, $"{BackupFormat.ManifestEntry} has no field 'files'"))
        {
            if (file is null || !BackupPaths.IsSafeRelative(file.Path))
            {
                throw Refused(archive, $"{BackupFormat.ManifestEntry} lists the path '{file?.Path}', which is not a plain relative path inside the data directory");
            }

            if (!seen.Add(file.Path))
            {
                throw Refused(archive, $"{BackupFormat.ManifestEntry} lists '{file.Path}' twice");
            }

            if (file.Size < 0 || file.Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigitLower))
            {
                throw Refused(archive, $"{BackupFormat.ManifestEntry} gives '{file.Path}' a bad 'size' or 'sha256'");
            }
        }

        return manifest;
    }

    private static BackupRefusedException Refused(string archive, string problem) =>
        new(archive, problem, "use an intact backup file written by DistributedCloud.Controller --backup; nothing was written");
}
