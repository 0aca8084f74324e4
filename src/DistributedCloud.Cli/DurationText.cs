using System.Globalization;

namespace DistributedCloud.Cli;

/// <summary>Durations as operators type them: <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>, <c>250ms</c>, or <c>hh:mm:ss</c>.</summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                && !(suffix == "s" && text.EndsWith("ms", StringComparison.Ordinal)))
            {
                duration = TimeSpan.FromSeconds(value * seconds);
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
