using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DistributedCloud.Security.Pki;

/// <summary>
/// A system controller's certificate authority (S-1): an ECDSA P-256 key and a self-signed CA certificate. It issues
/// the controller's own certificate, agents' certificates from their signing requests (the agent's key never leaves
/// it, S-2) and short-lived access certificates. Every issued certificate names its holder by one <c>dc://</c> URI (S-3).
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>Issued certificates start this far in the past, so a peer whose clock lags a little accepts them at once.</summary>
    public static readonly TimeSpan BackDating = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;

    private CertificateAuthority(X509Certificate2 certificate, TimeProvider time)
    {
        Certificate = certificate;
        _time = time;
        Fingerprint = CertificateFingerprint.Of(certificate);
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public string Fingerprint { get; }

    public static CertificateAuthority Create(string commonName, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=DistributedCloud"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        var certificate = request.CreateSelfSigned(now - BackDating, now + lifetime);
        return new CertificateAuthority(certificate, time);
    }

    /// <summary>The authority from its PEM certificate and key (as <see cref="ExportPem"/> wrote them).</summary>
    public static CertificateAuthority FromPem(string certificatePem, string keyPem, TimeProvider time)
    {
        var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            certificate.Dispose();
            throw new CryptographicException("the certificate is not a certificate authority (no basic constraint CA:TRUE)");
        }

        return new CertificateAuthority(certificate, time);
    }

    public (string CertificatePem, string KeyPem) ExportPem()
    {
        using var key = Certificate.GetECDsaPrivateKey() ?? throw new CryptographicException("the CA has no private key");
        return (Certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A certificate and a new private key for <paramref name="identity"/> (the controller's own).</summary>
    public X509Certificate2 IssueWithNewKey(PeerIdentity identity, IEnumerable<IPAddress> addresses, IEnumerable<string> dnsNames, TimeSpan lifetime, CertificateUse use)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectOf(identity), key, HashAlgorithmName.SHA256);
        using var issued = Sign(request, identity, addresses, dnsNames, lifetime, use);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Signs the public key of a PKCS#10 request (its own signature checked) for <paramref name="identity"/>; the
    /// subject and every extension are the authority's choice, never the requester's.
    /// </summary>
    public X509Certificate2 IssueFromSigningRequest(ReadOnlySpan<byte> signingRequestDer, PeerIdentity identity, IEnumerable<IPAddress> addresses, TimeSpan lifetime, CertificateUse use)
    {
        var requested = CertificateRequest.LoadSigningRequest(signingRequestDer.ToArray(), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        var request = new CertificateRequest(SubjectOf(identity), requested.PublicKey, HashAlgorithmName.SHA256);
        return Sign(request, identity, addresses, [], lifetime, use);
    }

    private X509Certificate2 Sign(CertificateRequest request, PeerIdentity identity, IEnumerable<IPAddress> addresses, IEnumerable<string> dnsNames, TimeSpan lifetime, CertificateUse use)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        var usages = new OidCollection();
        if (use.HasFlag(CertificateUse.Server))
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        }

        if (use.HasFlag(CertificateUse.Client))
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(identity.Uri);
        foreach (var address in addresses.Distinct())
        {
            names.AddIpAddress(address);
        }

        foreach (var dns in dnsNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            names.AddDnsName(dns);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = _time.GetUtcNow();
        var notAfter = now + lifetime;
        if (notAfter > Certificate.NotAfter)
        {
            notAfter = Certificate.NotAfter;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return request.Create(Certificate, now - BackDating, notAfter, serial);
    }

    private static X500DistinguishedName SubjectOf(PeerIdentity identity) =>
        new X500DistinguishedNameBuilder().Also(b =>
        {
            b.AddCommonName(identity.Kind switch
            {
                PeerKind.Subcloud => identity.Name,
                PeerKind.Controller => $"controller {identity.Name}",
                _ => $"{identity.Name} ({identity.Role?.ToString().ToLowerInvariant()})",
            });
            b.AddOrganizationName("DistributedCloud");
        }).Build();

    public void Dispose() => Certificate.Dispose();
}

internal static class BuilderExtensions
{
    public static X500DistinguishedNameBuilder Also(this X500DistinguishedNameBuilder builder, Action<X500DistinguishedNameBuilder> add)
    {
        add(builder);
        return builder;
    }
}
