using System.Net;

namespace DistributedCloud.Networking.Addressing;

/// <summary>Parses operator range text: <c>A-B</c> entries separated by commas.</summary>
public static class AddressRangeText
{
    /// <summary>
    /// Splits <c>A-B[,C-D...]</c> into address pairs. Order (start &lt;= end) and family agreement are not
    /// checked here; the pool validator reports those with the rule they break.
    /// </summary>
    public static bool TryParsePairs(string? text, out List<(IPAddress Start, IPAddress End)> pairs, out string? problem)
    {
        pairs = [];
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "no ranges given";
            return false;
        }

        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            // IPv6 text has no '-', so the only dash separates start from end.
            var parts = raw.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                problem = $"'{raw}' is not of the form START-END";
                return false;
            }

            if (!IpAddressMath.TryParseStrict(parts[0], out var start))
            {
                problem = $"'{parts[0]}' in range '{raw}' is not a valid IP address";
                return false;
            }

            if (!IpAddressMath.TryParseStrict(parts[1], out var end))
            {
                problem = $"'{parts[1]}' in range '{raw}' is not a valid IP address";
                return false;
            }

            pairs.Add((start, end));
        }

        return true;
    }
}
