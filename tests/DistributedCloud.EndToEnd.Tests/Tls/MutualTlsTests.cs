using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.EndToEnd.Tests.Agent;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace DistributedCloud.EndToEnd.Tests.Tls;

/// <summary>
/// An agent listening on https:// with <c>Rpc:Server:Tls</c> (mutual TLS): a client that trusts the site's CA and
/// presents a certificate of the client CA is served; one without a client certificate, or with one of another CA, is
/// turned away in the handshake; a client that does not trust the server's CA refuses the server.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed class MutualTlsTests
{
    [Fact]
    public async Task An_https_listener_with_mutual_TLS_serves_only_clients_of_the_configured_CA()
    {
        using var files = new TempDirectory("dc-tls-e2e");
        using var ca = Authority("DistributedCloud test CA");
        using var stranger = Authority("Some other CA");
        using var server = Issue(ca, "agent", server: true);
        using var client = Issue(ca, "controller", server: false);
        using var strangersClient = Issue(stranger, "intruder", server: false);
        var caPath = files.Write("ca.pem", ca.ExportCertificatePem());
        var certificatePath = files.Write("agent.pem", server.ExportCertificatePem());
        var keyPath = files.Write("agent.key", server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var tlsPort = FreePort();

        await using var agent = await AgentProcess.StartAsync(new HostStart
        {
            ExtraArgs = ["--listen", $"https://[::1]:{tlsPort}"],
            Environment = new Dictionary<string, string>
            {
                ["Rpc__Server__Tls__Enabled"] = "true",
                ["Rpc__Server__Tls__CertificatePath"] = certificatePath,
                ["Rpc__Server__Tls__KeyPath"] = keyPath,
                ["Rpc__Server__Tls__RequireClientCertificate"] = "true",
                ["Rpc__Server__Tls__ClientCaPath"] = caPath,
            },
        });
        var url = $"https://[::1]:{tlsPort}";

        var site = await GetSiteAsync(url, trusted: ca.Certificate(), clientCertificate: client);
        Assert.Equal(DistributedCloud.Contracts.Agent.V1.AddressFamily.Ipv6, site.ArrivalFamily);

        AssertRefusedInTheHandshake(await Assert.ThrowsAsync<RpcException>(() => GetSiteAsync(url, trusted: ca.Certificate(), clientCertificate: null)));
        AssertRefusedInTheHandshake(await Assert.ThrowsAsync<RpcException>(() => GetSiteAsync(url, trusted: ca.Certificate(), clientCertificate: strangersClient)));
        // The client's own refusal of the server's certificate: the handshake's authentication error, no call made.
        var untrustedServer = await Assert.ThrowsAsync<RpcException>(() => GetSiteAsync(url, trusted: stranger.Certificate(), clientCertificate: client));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(untrustedServer.Status.DebugException?.InnerException);
    }

    /// <summary>
    /// The server turned the client away before any call: the client's transport failed (a TLS alert or a reset,
    /// depending on timing: INTERNAL or UNAVAILABLE, with the transport's exception), the service never answered.
    /// </summary>
    private static void AssertRefusedInTheHandshake(RpcException refused)
    {
        Assert.True(refused.StatusCode is StatusCode.Unavailable or StatusCode.Internal, refused.ToString());
        Assert.True(refused.Status.DebugException is HttpRequestException or IOException, refused.ToString());
    }

    private static async Task<DistributedCloud.Contracts.Agent.V1.Site> GetSiteAsync(string url, X509Certificate2 trusted, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(trusted);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is not null && chain.Build(new X509Certificate2(certificate));
                },
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        return await new SubcloudAgent.SubcloudAgentClient(channel).GetSiteAsync(new GetSiteRequest(), SiteHostProcess.PlatformCall());
    }

    private static CertificateAuthorityFixture Authority(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return new CertificateAuthorityFixture(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(2)), key);
    }

    private static X509Certificate2 Issue(CertificateAuthorityFixture ca, string name, bool server)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(ca.Certificate(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1),
            RandomNumberGenerator.GetBytes(8));
        // With its private key, and re-imported so TLS on Linux can use it.
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.IPv6Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A test CA: its certificate with the key that signs.</summary>
    private sealed class CertificateAuthorityFixture(X509Certificate2 certificate, ECDsa key) : IDisposable
    {
        public X509Certificate2 Certificate() => certificate;

        public string ExportCertificatePem() => certificate.ExportCertificatePem();

        public void Dispose()
        {
            certificate.Dispose();
            key.Dispose();
        }
    }
}
