using System.Globalization;

namespace DistributedCloud.Site.Hosting.Configuration;

/// <summary>Durations as operators write them: "0", "250ms", "5s", "2m", "1h", "7d", or a TimeSpan ("00:00:05").</summary>
public static class Durations
{
    public const string Forms = "a number with ms, s, m, h or d (\"500ms\", \"30s\", \"5m\", \"2h\", \"7d\")";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            return false;
        }

        if (value == "0")
        {
            return true;
        }

        (string Suffix, double Scale)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)];
        foreach (var (suffix, scale) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number))
            {
                duration = TimeSpan.FromMilliseconds(number * scale);
                return true;
            }
        }

        return value.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out duration);
    }

    /// <summary>The duration of a validated setting.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not a duration ({Forms}).");
}
