using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Controller.Simulator.Fleet;
using DistributedCloud.Security.Pki;
using DistributedCloud.Security.Tokens;

namespace DistributedCloud.Controller.Simulator.Tls;

/// <summary>
/// The simulated agents' TLS (S-2, S-3, S-4) when the simulator serves with <c>--tls</c>: each site presents the
/// certificate its controller installed (chosen by the local address the connection arrived at), or, until it is
/// enrolled, a temporary self-signed one (as a real agent waiting for enrollment does); every connection must present a
/// client certificate. Enrollment as a real agent does it: a new key per site, kept in memory, a signing request
/// bound to the site's join token by its proof (the tokens come from the driver's <c>add</c>, through a file).
/// Not done here (a real agent does it; it costs the simulator, not the controller being measured): checking the
/// controller's certificate against the pinned CA fingerprint and the trust bundle.
/// </summary>
public sealed class SimulatedTls
{
    private readonly string _tokensFile;
    private readonly SslStreamCertificateContext _temporary;
    private readonly ConcurrentDictionary<int, ECDsa> _pending = new();
    private readonly ConcurrentDictionary<int, SslStreamCertificateContext> _installed = new();

    public SimulatedTls(string tokensFile)
    {
        _tokensFile = tokensFile;
        using var temporary = SelfSignedCertificate.Create("simulated agent waiting for enrollment", [IPAddress.Loopback], ["localhost"], TimeSpan.FromDays(1), TimeProvider.System);
        _temporary = SslStreamCertificateContext.Create(X509CertificateLoader.LoadPkcs12(temporary.Export(X509ContentType.Pkcs12), null), null, offline: true);
    }

    public int Enrolled => _installed.Count;

    /// <summary>The server side of one connection: the site's certificate by the local address, a client certificate required.</summary>
    public SslServerAuthenticationOptions For(EndPoint? local)
    {
        var index = FleetLayout.IndexOf((local as IPEndPoint)?.Address);
        var certificate = index is { } i && _installed.TryGetValue(i, out var installed) ? installed : _temporary;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificate,
            ClientCertificateRequired = true,
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
    }

    /// <summary>RequestCertificate while enrolling: a new key for the site, its signing request, the token's id and proof.</summary>
    public async Task<(byte[] Request, string TokenId, string Proof)> RequestAsync(int site, string subcloud)
    {
        var token = await TokenOfAsync(subcloud).ConfigureAwait(false);
        var (key, request) = SelfSignedCertificate.NewSigningRequest();
        _pending[site] = key;
        return (request, token.Id, token.Prove(request));
    }

    /// <summary>
    /// InstallCertificate: the certificate for the site's last requested key is what the site presents from now on. The
    /// key is kept, so the controller may send the same certificate again (its install call timed out, S-2: "an
    /// interrupted exchange heals at the next audit"), as a real agent allows.
    /// </summary>
    public X509Certificate2 Install(int site, string certificatePem)
    {
        if (!_pending.TryGetValue(site, out var key))
        {
            throw new InvalidOperationException("no certificate request is pending for this site");
        }

        using var issued = X509Certificate2.CreateFromPem(certificatePem);
        using var withKey = issued.CopyWithPrivateKey(key);
        var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        _installed[site] = SslStreamCertificateContext.Create(certificate, null, offline: true);
        return certificate;
    }

    /// <summary>
    /// The join token the driver recorded last for <paramref name="subcloud"/> (the file is read afresh each time: a new
    /// controller in the same run makes new tokens for the same names); waits up to 10 s for the driver to write it.
    /// </summary>
    private async Task<JoinToken> TokenOfAsync(string subcloud)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            JoinToken? token = null;
            if (File.Exists(_tokensFile))
            {
                foreach (var line in await File.ReadAllLinesAsync(_tokensFile).ConfigureAwait(false))
                {
                    var parts = line.Split('\t');
                    if (parts.Length == 2 && parts[0] == subcloud && JoinToken.TryParse(parts[1], out var parsed))
                    {
                        token = parsed;
                    }
                }
            }

            if (token is not null)
            {
                return token;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"no join token for subcloud '{subcloud}' in {_tokensFile}");
    }
}
