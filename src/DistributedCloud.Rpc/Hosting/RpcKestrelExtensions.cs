using System.Net;
using System.Security.Authentication;
using DistributedCloud.Rpc.Server;
using DistributedCloud.Rpc.Tls;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Rpc.Hosting;

public static class RpcKestrelExtensions
{
    /// <summary>
    /// Listens for gRPC on <paramref name="endpoint"/>: HTTP/2 only; cleartext with prior knowledge, or
    /// TLS 1.2+ with ALPN "h2" when <paramref name="tls"/> is given, requiring and validating client
    /// certificates against its CA when it names one.
    /// </summary>
    public static void ListenRpc(this KestrelServerOptions kestrel, IPEndPoint endpoint, RpcServerTls? tls = null)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tls is null)
            {
                return;
            }

            listen.UseHttps(https =>
            {
                https.ServerCertificate = tls.Certificate;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                if (tls.RequireClientCertificate)
                {
                    var authorities = tls.ClientCertificateAuthorities!;
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, chain, _) => CertificateAuthority.Validates(authorities, certificate, chain);
                }
            });
        });
    }

    /// <summary>Listens on every endpoint of the validated "Rpc:Server" options (Listen, Tls, keepalive).</summary>
    public static IWebHostBuilder UseRpcEndpoints(this IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureKestrel((_, kestrel) =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<RpcServerOptions>>().Value;
            if (options.KeepAliveInterval is { } interval)
            {
                kestrel.Limits.Http2.KeepAlivePingDelay = interval;
                kestrel.Limits.Http2.KeepAlivePingTimeout = options.KeepAliveTimeout;
            }

            var tls = RpcServerTls.FromOptions(options.Tls);
            foreach (var text in options.Listen)
            {
                kestrel.ListenRpc(IPEndPoint.Parse(text), tls);
            }
        });
    }
}
