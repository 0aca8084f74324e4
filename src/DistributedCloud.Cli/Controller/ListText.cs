namespace DistributedCloud.Cli.Controller;

/// <summary>Comma-separated option values (<c>--subclouds a,b</c>, <c>--networks oam,cluster-host</c>).</summary>
public static class ListText
{
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>The problems of a list: empty entries and repeated names, each said once.</summary>
    public static IEnumerable<string> Problems(string option, string? text)
    {
        if (text is null)
        {
            yield break;
        }

        var items = Split(text);
        if (items.Count == 0 || items.Any(i => i.Length == 0))
        {
            yield return $"{option} '{text}' has an empty entry; give names separated by commas, such as a,b";
        }

        foreach (var repeated in items.Where(i => i.Length > 0).GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"{option} names '{repeated.Key}' more than once";
        }
    }
}
