using System.Security.Cryptography.X509Certificates;

namespace DistributedCloud.Rpc.Tls;

/// <summary>The client's TLS material: the CA the server must chain to, and the certificate it presents (mutual TLS).</summary>
public sealed record RpcClientTls(X509Certificate2Collection ServerCertificateAuthorities, X509Certificate2? ClientCertificate = null)
{
    /// <summary>Loads PEM files: the CA bundle, and optionally a certificate and its key.</summary>
    public static RpcClientTls FromPem(string caPath, string? certificatePath = null, string? keyPath = null) =>
        new(CertificateAuthority.LoadPem(caPath),
            certificatePath is null ? null : X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
}
