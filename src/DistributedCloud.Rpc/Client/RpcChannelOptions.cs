using DistributedCloud.Networking.Addressing;
using DistributedCloud.Rpc.Tls;

namespace DistributedCloud.Rpc.Client;

/// <summary>Settings of a channel to one endpoint (configuration section of the caller's choice).</summary>
public sealed class RpcChannelOptions
{
    /// <summary>"http://host:port" (cleartext HTTP/2, prior knowledge) or "https://host:port" (TLS, ALPN h2).</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>Connect only over this family (N-35); null lets the resolver's order decide.</summary>
    public IpFamily? Family { get; set; }

    public int MaxReceiveMessageSize { get; set; } = Wire.GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest request message sent; null for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Deadline of calls that set none; null for none.</summary>
    public TimeSpan? DefaultTimeout { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// HTTP/2 PING after this long without frames while calls are active (at least 1 s; checked on a
    /// one-second heartbeat, so a PING goes out between this and one second more).
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The connection is closed when a PING is not answered within this time (at least 1 s).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>An idle connection is closed after this long.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public RetryOptions Retry { get; set; } = new();

    /// <summary>PEM file of the CA the server's certificate must chain to (https only).</summary>
    public string? TlsCaPath { get; set; }

    /// <summary>PEM certificate (and <see cref="TlsKeyPath"/>) presented to the server (mutual TLS).</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsKeyPath { get; set; }

    /// <summary>
    /// Resolves a host name to addresses (set in code: service discovery, tests); null uses DNS.
    /// Address literals are never resolved.
    /// </summary>
    public Func<string, CancellationToken, Task<System.Net.IPAddress[]>>? Resolver { get; set; }

    /// <summary>TLS material given in code; wins over the paths.</summary>
    public RpcClientTls? Tls { get; set; }
}
