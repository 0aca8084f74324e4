using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace DistributedCloud.Site.Hosting.Security;

/// <summary>
/// The certificate a host's TLS listeners present, chosen per connection so that it can change while the host runs
/// (an agent's enrollment and renewal, S-2/S-3). Client certificates are asked for but not required by TLS: the
/// authentication handler decides what a certificate (or its absence) allows, so a refusal is a gRPC status with a
/// reason rather than a failed handshake.
/// </summary>
public sealed class ServerCredentials
{
    private SslStreamCertificateContext? _current;

    public X509Certificate2? Certificate { get; private set; }

    public bool IsSet => Volatile.Read(ref _current) is not null;

    /// <summary>Presents <paramref name="certificate"/> (with its key) from the next connection on, with its issuers.</summary>
    public void Use(X509Certificate2 certificate, IEnumerable<X509Certificate2>? issuers = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var chain = new X509Certificate2Collection();
        foreach (var issuer in issuers ?? [])
        {
            chain.Add(issuer);
        }

        Certificate = certificate;
        Volatile.Write(ref _current, SslStreamCertificateContext.Create(certificate, chain, offline: true));
    }

    public SslServerAuthenticationOptions ConnectionOptions() => new()
    {
        ServerCertificateContext = Volatile.Read(ref _current) ?? throw new InvalidOperationException("the host has no server certificate yet"),
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ApplicationProtocols = [SslApplicationProtocol.Http2],
        ClientCertificateRequired = true,
        // Checked by the authentication handler against the host's trust bundle, with the clock-skew allowance.
        RemoteCertificateValidationCallback = (_, _, _, _) => true,
    };
}
