using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Rpc.Metadata;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Rpc.Server;

/// <summary>What a handler knows about its call: metadata, deadline, cancellation, peer and arrival family.</summary>
public sealed class ServerCallContext
{
    private readonly ServerCallState _state;
    private RpcMetadata? _requestHeaders;
    private RpcMetadata? _responseTrailers;

    internal ServerCallContext(HttpContext httpContext, string method, DateTimeOffset? deadline, CancellationToken cancellationToken,
        ServerCallState state)
    {
        HttpContext = httpContext;
        Method = method;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        _state = state;
    }

    /// <summary>The full method path, "/package.Service/Method".</summary>
    public string Method { get; }

    /// <summary>When the call's deadline (grpc-timeout) passes; null without one.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Cancelled when the client cancels, the connection drops or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// The request metadata (protocol headers left out, -bin values decoded), read on first use;
    /// a malformed -bin value fails the call with INTERNAL.
    /// </summary>
    public RpcMetadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    /// <summary>Metadata sent with the final status.</summary>
    public RpcMetadata ResponseTrailers => _responseTrailers ??= new RpcMetadata();

    internal RpcMetadata? ResponseTrailersIfAny => _responseTrailers;

    public HttpContext HttpContext { get; }

    /// <summary>The server address the call arrived at (IPv4-mapped IPv6 addresses unmapped).</summary>
    public IPAddress? LocalAddress => Normalize(HttpContext.Connection.LocalIpAddress);

    /// <summary>The caller's address (IPv4-mapped IPv6 addresses unmapped).</summary>
    public IPAddress? RemoteAddress => Normalize(HttpContext.Connection.RemoteIpAddress);

    /// <summary>The address family of the connection the call arrived on.</summary>
    public IpFamily? ArrivalFamily => LocalAddress?.AddressFamily switch
    {
        AddressFamily.InterNetwork => IpFamily.IPv4,
        AddressFamily.InterNetworkV6 => IpFamily.IPv6,
        _ => null,
    };

    /// <summary>The peer in gRPC's notation: "ipv4:1.2.3.4:5678" or "ipv6:[::1]:5678".</summary>
    public string Peer
    {
        get
        {
            var port = HttpContext.Connection.RemotePort.ToString(CultureInfo.InvariantCulture);
            return RemoteAddress?.AddressFamily switch
            {
                AddressFamily.InterNetwork => $"ipv4:{RemoteAddress}:{port}",
                AddressFamily.InterNetworkV6 => $"ipv6:[{RemoteAddress}]:{port}",
                _ => "unknown",
            };
        }
    }

    /// <summary>The client certificate presented over TLS, if any (already validated by the server).</summary>
    public X509Certificate2? ClientCertificate => HttpContext.Connection.ClientCertificate;

    /// <summary>Sends response headers now (at most once, before the first message).</summary>
    public Task WriteResponseHeadersAsync(RpcMetadata headers) => _state.WriteResponseHeadersAsync(HttpContext, headers);

    private RpcMetadata ReadRequestHeaders()
    {
        var metadata = new RpcMetadata();
        foreach (var header in HttpContext.Request.Headers)
        {
            foreach (var value in header.Value)
            {
                if (value is not null && !metadata.TryAddFromWire(header.Key, value))
                {
                    throw new Status.RpcException(Status.StatusCode.Internal, $"Request metadata '{header.Key}' is malformed.");
                }
            }
        }

        return metadata;
    }

    private static IPAddress? Normalize(IPAddress? address) =>
        address is not null && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
