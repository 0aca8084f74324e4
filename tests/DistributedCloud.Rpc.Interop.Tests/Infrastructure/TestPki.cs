using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>A throwaway CA with a server certificate (localhost, 127.0.0.1, ::1) and client certificates, as objects and PEM files.</summary>
internal sealed class TestPki : IDisposable
{
    private readonly List<X509Certificate2> _owned = [];

    public TestPki(string name = "DistributedCloud Test CA")
    {
        Directory = Path.Combine(Path.GetTempPath(), "dc-rpc-pki-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        try
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", caKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            var now = DateTimeOffset.UtcNow;
            Ca = Own(request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1)));
            CaPath = WritePem("ca.pem", Ca.ExportCertificatePem());
            Authorities = [Ca];
            Server = Issue("localhost", server: true, out var serverPem, out var serverKey);
            ServerCertPath = WritePem("server.pem", serverPem);
            ServerKeyPath = WritePem("server.key", serverKey);
            Client = Issue("controller-a", server: false, out var clientPem, out var clientKey);
            ClientCertPath = WritePem("client.pem", clientPem);
            ClientKeyPath = WritePem("client.key", clientKey);
        }
        catch
        {
            // Leave no key files behind when making the certificates fails.
            Dispose();
            throw;
        }
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2Collection Authorities { get; }

    public string CaPath { get; }

    public X509Certificate2 Server { get; }

    public string ServerCertPath { get; }

    public string ServerKeyPath { get; }

    public X509Certificate2 Client { get; }

    public string ClientCertPath { get; }

    public string ClientKeyPath { get; }

    public void Dispose()
    {
        foreach (var certificate in _owned)
        {
            certificate.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private X509Certificate2 Issue(string commonName, bool server, out string certificatePem, out string keyPem)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        if (server)
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        // Inside the CA's own validity, whatever the clock did since the CA was made.
        using var issued = request.Create(Ca, new DateTimeOffset(Ca.NotBefore.ToUniversalTime()).AddMinutes(1),
            new DateTimeOffset(Ca.NotAfter.ToUniversalTime()).AddHours(-1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        certificatePem = withKey.ExportCertificatePem();
        keyPem = key.ExportPkcs8PrivateKeyPem();
        // A PKCS#12 round trip gives a certificate whose key every TLS stack accepts.
        return Own(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
    }

    private X509Certificate2 Own(X509Certificate2 certificate)
    {
        _owned.Add(certificate);
        return certificate;
    }

    private string WritePem(string name, string pem)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
