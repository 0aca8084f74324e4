using System.Net;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Tls;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>TLS (ALPN h2) and mutual TLS in both directions, with a throwaway CA made in code.</summary>
public sealed class TlsTests : IDisposable
{
    private static readonly CallOptions NoRetry = new() { Idempotent = false, Timeout = TimeSpan.FromSeconds(15) };
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task The_official_client_calls_our_tls_server()
    {
        await using var server = await OurServer.StartAsync(IPAddress.Loopback, new RpcServerTls(_pki.Server));
        var result = await PythonPeer.RunClientAsync("unary", $"127.0.0.1:{server.Port}", "--ca", _pki.CaPath);
        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal(string.Empty, result.GetProperty("client_certificate_subject").GetString());
    }

    [Fact]
    public async Task The_official_client_presents_its_certificate_to_our_mutual_tls_server()
    {
        await using var server = await OurServer.StartAsync(IPAddress.Loopback, new RpcServerTls(_pki.Server, _pki.Authorities));
        var target = $"127.0.0.1:{server.Port}";

        var withCertificate = await PythonPeer.RunClientAsync("unary", target, "--ca", _pki.CaPath, "--cert", _pki.ClientCertPath, "--key", _pki.ClientKeyPath);
        Assert.Equal("OK", withCertificate.GetProperty("code").GetString());
        Assert.Equal("CN=controller-a", withCertificate.GetProperty("client_certificate_subject").GetString());

        var without = await PythonPeer.RunClientAsync("unary", target, "--ca", _pki.CaPath);
        Assert.Equal("UNAVAILABLE", without.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Our_client_calls_the_official_tls_and_mutual_tls_servers()
    {
        await using (var tls = await PythonPeer.StartServerAsync("--tls", _pki.ServerCertPath, _pki.ServerKeyPath))
        {
            using var channel = RpcChannel.Create(new RpcChannelOptions { Address = $"https://localhost:{tls.Port}", TlsCaPath = _pki.CaPath, Family = Networking.Addressing.IpFamily.IPv4 });
            Assert.Equal("over tls", (await channel.UnaryAsync(Methods.Echo, new EchoRequest { Text = "over tls" }, NoRetry)).Text);
        }

        await using var mutual = await PythonPeer.StartServerAsync("--tls", _pki.ServerCertPath, _pki.ServerKeyPath, "--client-ca", _pki.CaPath);
        using (var channel = RpcChannel.Create(new RpcChannelOptions
        {
            Address = $"https://127.0.0.1:{mutual.Port}",
            TlsCaPath = _pki.CaPath,
            TlsCertificatePath = _pki.ClientCertPath,
            TlsKeyPath = _pki.ClientKeyPath,
        }))
        {
            Assert.Equal("mutual", (await channel.UnaryAsync(Methods.Echo, new EchoRequest { Text = "mutual" }, NoRetry)).Text);
        }

        using var anonymous = RpcChannel.Create(new RpcChannelOptions { Address = $"https://127.0.0.1:{mutual.Port}", TlsCaPath = _pki.CaPath });
        var refused = await Assert.ThrowsAsync<RpcException>(() => anonymous.UnaryAsync(Methods.Echo, new EchoRequest(), NoRetry));
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
    }

    [Fact]
    public async Task Our_client_and_server_reject_certificates_from_another_ca()
    {
        using var other = new TestPki("Some Other CA");
        await using var server = await OurServer.StartAsync(IPAddress.IPv6Loopback, new RpcServerTls(_pki.Server, _pki.Authorities));
        var address = $"https://[::1]:{server.Port}";

        using var trusting = RpcChannel.Create(new RpcChannelOptions { Address = address, Tls = new RpcClientTls(_pki.Authorities, _pki.Client) });
        var echoed = await trusting.UnaryAsync(Methods.Echo, new EchoRequest { Text = "ok" }, NoRetry);
        Assert.Equal(("ok", "CN=controller-a", "IPv6"), (echoed.Text, echoed.ClientCertificateSubject, echoed.ArrivalFamily));

        using var wrongServerCa = RpcChannel.Create(new RpcChannelOptions { Address = address, Tls = new RpcClientTls(other.Authorities, _pki.Client) });
        var serverRejected = await Assert.ThrowsAsync<RpcException>(() => wrongServerCa.UnaryAsync(Methods.Echo, new EchoRequest(), NoRetry));
        Assert.Equal(StatusCode.Unavailable, serverRejected.StatusCode);

        using var foreignClient = RpcChannel.Create(new RpcChannelOptions { Address = address, Tls = new RpcClientTls(_pki.Authorities, other.Client) });
        var clientRejected = await Assert.ThrowsAsync<RpcException>(() => foreignClient.UnaryAsync(Methods.Echo, new EchoRequest(), NoRetry));
        Assert.Equal(StatusCode.Unavailable, clientRejected.StatusCode);
    }
}
