namespace DistributedCloud.Cli;

/// <summary>Server addresses as the operator gives them: http:// (cleartext HTTP/2) or https:// URLs.</summary>
public static class ServerUrl
{
    /// <summary>The trimmed URL, or a usage error naming where it came from (an option or a variable).</summary>
    public static string Check(string text, string source, string example)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https") || string.IsNullOrEmpty(uri.Host))
        {
            throw new UsageException($"{source} '{text}' is not an http:// or https:// URL such as {example}");
        }

        return trimmed;
    }
}
