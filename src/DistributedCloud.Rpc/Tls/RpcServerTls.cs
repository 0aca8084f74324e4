using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Rpc.Server;

namespace DistributedCloud.Rpc.Tls;

/// <summary>The server's TLS material: its certificate, and the CA its clients must chain to (mutual TLS).</summary>
public sealed record RpcServerTls(X509Certificate2 Certificate, X509Certificate2Collection? ClientCertificateAuthorities = null)
{
    /// <summary>True when clients must present a certificate issued by <see cref="ClientCertificateAuthorities"/>.</summary>
    public bool RequireClientCertificate => ClientCertificateAuthorities is { Count: > 0 };

    /// <summary>Loads the PEM files named by validated options; null when TLS is off.</summary>
    public static RpcServerTls? FromOptions(RpcServerTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return null;
        }

        var certificate = X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath);
        var authorities = options.RequireClientCertificate ? CertificateAuthority.LoadPem(options.ClientCaPath!) : null;
        return new RpcServerTls(certificate, authorities);
    }
}
