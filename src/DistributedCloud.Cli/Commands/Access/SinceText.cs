using System.Globalization;

namespace DistributedCloud.Cli.Commands.Access;

/// <summary><c>--since</c>: a duration back from now (<c>30m</c>, <c>2h</c>, <c>7d</c>) or a time (<c>2026-03-01T12:00:00Z</c>, UTC when no offset is given).</summary>
public static class SinceText
{
    public const string Forms = "a duration back from now (30m, 2h, 7d) or a time (2026-03-01T12:00:00Z; UTC when no offset is given)";

    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset since)
    {
        since = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (DurationText.TryParse(text, out var back) && back >= TimeSpan.Zero && !text.Contains('-', StringComparison.Ordinal))
        {
            since = now - back;
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            since = time;
            return true;
        }

        return false;
    }
}
