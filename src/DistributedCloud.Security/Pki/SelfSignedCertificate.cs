using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DistributedCloud.Security.Pki;

/// <summary>
/// A self-signed server certificate: what an agent serves while it waits for enrollment (S-2) and what a standalone
/// agent serves for direct access (S-5a), its dcctl configuration pinning it.
/// </summary>
public static class SelfSignedCertificate
{
    public static X509Certificate2 Create(string commonName, IEnumerable<IPAddress> addresses, IEnumerable<string> dnsNames, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=DistributedCloud"), key, HashAlgorithmName.SHA256);
        // A CA-flagged self-signed certificate so that a client may use it as its own trust anchor.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var address in addresses.Distinct())
        {
            names.AddIpAddress(address);
        }

        foreach (var dns in dnsNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            names.AddDnsName(dns);
        }

        request.CertificateExtensions.Add(names.Build());
        var now = time.GetUtcNow();
        return request.CreateSelfSigned(now - CertificateAuthority.BackDating, now + lifetime);
    }

    /// <summary>A new key and a PKCS#10 request for it (the subject is the authority's choice, so a placeholder here).</summary>
    public static (ECDsa Key, byte[] RequestDer) NewSigningRequest()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=agent"), key, HashAlgorithmName.SHA256);
        return (key, request.CreateSigningRequest());
    }
}
