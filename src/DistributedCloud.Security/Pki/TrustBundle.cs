using System.Security.Cryptography.X509Certificates;

namespace DistributedCloud.Security.Pki;

/// <summary>
/// The certificate authorities a party trusts (S-4): its controller's CA, and in a geo-redundant pair the peer's. A
/// certificate is trusted when it chains to one of them and is within its validity period give or take the allowed
/// clock skew (S-8b); the machine's own trust store is never consulted.
/// </summary>
public sealed class TrustBundle
{
    public TrustBundle(IEnumerable<X509Certificate2> authorities)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        Authorities = [.. authorities];
    }

    public IReadOnlyList<X509Certificate2> Authorities { get; }

    public IEnumerable<string> Fingerprints => Authorities.Select(CertificateFingerprint.Of);

    public static TrustBundle FromPem(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return new TrustBundle(collection);
    }

    public string ToPem() => string.Concat(Authorities.Select(a => a.ExportCertificatePem() + "\n"));

    /// <summary>True when <paramref name="fingerprint"/> names one of the bundle's authorities.</summary>
    public bool Contains(string fingerprint) => Authorities.Any(a => CertificateFingerprint.Matches(a, fingerprint));

    /// <summary>Checks <paramref name="certificate"/>; on refusal <paramref name="problem"/> says why in a few words.</summary>
    public bool Validates(X509Certificate2 certificate, DateTimeOffset now, TimeSpan skew, out string problem)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (Authorities.Count == 0)
        {
            problem = "no certificate authority is trusted yet";
            return false;
        }

        if (now + skew < certificate.NotBefore.ToUniversalTime())
        {
            problem = $"the certificate is not valid before {certificate.NotBefore.ToUniversalTime():u}";
            return false;
        }

        if (now - skew > certificate.NotAfter.ToUniversalTime())
        {
            problem = $"the certificate expired at {certificate.NotAfter.ToUniversalTime():u}";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Validity was checked above with the skew allowance; the chain engine has none.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;
        if (!chain.Build(certificate))
        {
            var reasons = chain.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError).Select(s => s.Status.ToString()).Distinct();
            problem = $"the certificate is not issued by a trusted authority ({string.Join(", ", reasons)})";
            return false;
        }

        problem = string.Empty;
        return true;
    }
}
