using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;
using Grpc.Net.Client;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The tests' own gRPC channels to a real process: TLS checked against the CA of the process's dcctl configuration and
/// its token on every call, as dcctl does (or, for a readiness probe, any certificate and no credentials).
/// </summary>
public static class TestChannels
{
    public static GrpcChannel Create(string url, DcctlConfig? config, bool acceptAnyCertificate = false, X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), EnableMultipleHttp2Connections = false };
        var trust = config?.CaCertificate is { Length: > 0 } pem ? TrustBundle.FromPem(pem) : null;
        if (acceptAnyCertificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (trust is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is X509Certificate2 presented && trust.Validates(presented, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out _);
        }

        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        HttpMessageHandler outer = config?.Token is { Length: > 0 } token ? new BearerHandler(token) { InnerHandler = handler } : handler;
        return GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = outer, DisposeHttpClient = true, MaxReceiveMessageSize = 64 * 1024 * 1024 });
    }

    /// <summary>A channel that presents <paramref name="token"/> (or nothing) and trusts <paramref name="config"/>'s CA.</summary>
    public static GrpcChannel WithToken(string url, DcctlConfig config, string? token) =>
        Create(url, new DcctlConfig { CaCertificate = config.CaCertificate, Token = token });

    private sealed class BearerHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
