using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DistributedCloud.Security.Pki;

/// <summary>"sha256:&lt;hex&gt;" of a certificate's DER form (S-1): what operators compare and agents pin.</summary>
public static class CertificateFingerprint
{
    public const string Prefix = "sha256:";

    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }

    /// <summary>True when <paramref name="text"/> is "sha256:" and 64 hex digits (either case; colons between bytes allowed).</summary>
    public static bool TryNormalize(string? text, out string fingerprint)
    {
        fingerprint = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[Prefix.Length..];
        }

        value = value.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (value.Length != 64 || !value.All(Uri.IsHexDigit))
        {
            return false;
        }

        fingerprint = Prefix + value;
        return true;
    }

    public static bool Matches(X509Certificate2 certificate, string fingerprint) =>
        TryNormalize(fingerprint, out var normalized) && string.Equals(Of(certificate), normalized, StringComparison.Ordinal);
}
