using System.Security.Cryptography;
using System.Text;

namespace DistributedCloud.Security.Tokens;

/// <summary>
/// Bearer secrets (admin tokens, S-6): 256 random bits, base64url, with a readable prefix; only their SHA-256 is ever
/// stored, so a leaked store reveals no usable token.
/// </summary>
public static class SecretToken
{
    /// <summary>The prefix of admin tokens ("dcat_"), so a token found in a file or a log is recognisable.</summary>
    public const string AdminPrefix = "dcat_";

    public static string NewAdminToken() => AdminPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>"sha256:&lt;hex&gt;" of the token's text.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
