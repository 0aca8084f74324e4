using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Cli.Access;
using Grpc.Core;
using Grpc.Net.Client;

namespace DistributedCloud.Cli.Platform;

/// <summary>
/// dcctl's channels: one per command run, a bounded connect so an absent server is reported quickly, HTTP/2 pings
/// while a call is open (a watch notices a dead connection), the server's certificate checked against the CA of the
/// configuration (not the machine's store) and the caller's token on every call.
/// </summary>
public static class GrpcChannels
{
    public static GrpcChannel Create(string address, TimeSpan callTimeout, ClientCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, callTimeout.TotalSeconds)),
            EnableMultipleHttp2Connections = false,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        if (credentials.Trust is { } trust)
        {
            // The server is identified by the CA that issued its certificate (the controller's own, or a standalone
            // agent's pinned certificate); addresses in its names are informative, so a name mismatch alone is no refusal.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is X509Certificate2 presented && trust.Validates(presented, DateTimeOffset.UtcNow, ClientCredentials.ClockSkew, out _);
        }

        if (credentials.Certificate is { } client)
        {
            handler.SslOptions.ClientCertificates = [client];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            // The token rides on every request as metadata, over TLS (or a development-mode loopback listener).
            HttpHandler = credentials.Token is { } token ? new BearerTokenHandler(token) { InnerHandler = handler } : handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
    }

    private sealed class BearerTokenHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>True when a failure is the TLS handshake refusing the server's certificate (or the server refusing ours).</summary>
    public static bool IsCertificateFailure(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return failure is RpcException rpc && rpc.Status.DebugException is { } debug && IsCertificateFailure(debug);
    }
}
