using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace DistributedCloud.Site.Hosting.Grpc;

/// <summary>Validates a peer certificate against a configured CA only (not the machine's trust store).</summary>
public static class CertificateAuthority
{
    /// <summary>True when <paramref name="certificate"/> chains to one of <paramref name="authorities"/>.</summary>
    public static bool Validates(X509Certificate2Collection authorities, X509Certificate? certificate, X509Chain? presentedChain = null)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        if (certificate is null || authorities.Count == 0)
        {
            return false;
        }

        using var leaf = certificate as X509Certificate2 is { } c2 ? new X509Certificate2(c2) : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }

    /// <summary>A client-side validation callback: the server's name must match and its certificate chain to <paramref name="authorities"/>.</summary>
    public static RemoteCertificateValidationCallback ServerValidator(X509Certificate2Collection authorities) =>
        (_, certificate, chain, errors) =>
            (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
            && Validates(authorities, certificate, chain);

    /// <summary>Reads every certificate of a PEM file.</summary>
    public static X509Certificate2Collection LoadPem(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }
}
