using System.Text.RegularExpressions;

namespace DistributedCloud.Security.Tokens;

/// <summary>
/// Keeps secrets out of logs and the audit log (S-8): anything that looks like an admin token (its
/// <see cref="SecretToken.AdminPrefix"/> and what follows) or a bearer credential (<c>Bearer</c> and 16 or more
/// token characters; "the bearer token is missing" stays as it is) is replaced by a marker.
/// </summary>
public static partial class SecretRedaction
{
    public const string Marker = "[redacted]";

    public static bool ContainsSecret(string? text) =>
        !string.IsNullOrEmpty(text) && (text.Contains(SecretToken.AdminPrefix, StringComparison.OrdinalIgnoreCase) || Bearer().IsMatch(text));

    /// <summary>The text with every token-looking part replaced; null stays null.</summary>
    public static string? Redact(string? text)
    {
        if (!ContainsSecret(text))
        {
            return text;
        }

        return Bearer().Replace(AdminToken().Replace(text!, Marker), "$1" + Marker);
    }

    [GeneratedRegex(@"dcat_[A-Za-z0-9_\-=+/.]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AdminToken();

    [GeneratedRegex(@"(bearer\s+)(?!\[redacted\])[A-Za-z0-9._~+/=\-]{16,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();
}
