using System.Collections.Concurrent;
using DistributedCloud.Contracts.Fencing;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Addressing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace DistributedCloud.Controller.Core.Agents;

/// <summary>
/// One gRPC channel per subcloud, created on first use and kept (audits, strategy steps, workflows and forwarded
/// platform calls share it): HTTP/2 keepalive pings, a bounded connect, the controller's fencing identity on every
/// call, and dialling over the subcloud's primary family only (N-35): the connect callback accepts only addresses of
/// that family, so a name configured for an agent never resolves to the other family, and the channel keeps its own
/// connection management. A changed agent endpoint replaces the channel. With <see cref="AgentTls"/> the channels are
/// mutual TLS (S-3, S-4): the agent must present its subcloud's certificate, and a subcloud whose agent is not enrolled
/// (or was revoked) is not dialled at all: its calls fail UNAVAILABLE with the reason and the way out.
/// </summary>
public sealed class AgentChannels : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _channels = new(StringComparer.Ordinal);
    private readonly Lock _replacing = new();
    private readonly AgentClientOptions _options;
    private readonly FencingClientInterceptor _fencing;
    private readonly AgentTls? _tls;

    /// <param name="options">Deadlines, keepalive, fencing identity.</param>
    /// <param name="defaultControllerId">The fencing id when <see cref="AgentClientOptions.ControllerId"/> is empty (the host's system uuid), read at the first call.</param>
    /// <param name="tls">Mutual TLS to enrolled agents (S-4); null: plaintext to every agent (tests, the bench).</param>
    public AgentChannels(AgentClientOptions options, Func<string>? defaultControllerId = null, AgentTls? tls = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _tls = tls;
        // PublicationOnly: a read before the host's site is open fails that call only, not every later one.
        var token = new Lazy<FencingToken>(() => new FencingToken(
            string.IsNullOrWhiteSpace(options.ControllerId) && defaultControllerId is not null ? defaultControllerId() : options.ControllerId,
            options.LeadershipEpoch), LazyThreadSafetyMode.PublicationOnly);
        _fencing = new FencingClientInterceptor(() => token.Value);
    }

    /// <summary>The calls on <paramref name="subcloud"/>'s agent, fencing metadata added.</summary>
    public CallInvoker InvokerFor(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        if (_tls?.Unready(subcloud) is { } unready)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"subcloud '{subcloud.Name}' cannot be called yet: {unready}"));
        }

        if (_channels.TryGetValue(subcloud.Name, out var kept) && kept.Serves(subcloud))
        {
            return kept.Invoker;
        }

        // A new subcloud, or its agent moved: one thread creates the channel; the replaced one is disposed once, after
        // the swap, so no caller is handed a disposed channel twice and none leaks.
        lock (_replacing)
        {
            if (_channels.TryGetValue(subcloud.Name, out var current) && current.Serves(subcloud))
            {
                return current.Invoker;
            }

            var created = Create(subcloud);
            _channels[subcloud.Name] = created;
            current?.Channel.Dispose();
            return created.Invoker;
        }
    }

    /// <summary>The deadline of one unary call from now.</summary>
    public DateTime Deadline() => DateTime.UtcNow + _options.CallTimeout;

    /// <summary>Drops a subcloud's channel at once, cutting its calls (a deleted or revoked subcloud, S-3).</summary>
    public void Forget(string subcloud)
    {
        if (_channels.TryRemove(subcloud, out var entry))
        {
            entry.Channel.Dispose();
        }
    }

    /// <summary>
    /// After the agent installed a renewed certificate: the next call dials a new connection (which presents the new
    /// certificate); the old channel is closed once calls already on it had time to end (S-3: no audit fails).
    /// </summary>
    public void Redial(string subcloud, TimeSpan grace)
    {
        if (_channels.TryRemove(subcloud, out var entry))
        {
            _ = Task.Delay(grace).ContinueWith(_ => entry.Channel.Dispose(), TaskScheduler.Default);
        }
    }

    /// <summary>
    /// A channel for one enrollment exchange with <paramref name="subcloud"/>'s agent (S-2): the primary family only
    /// (N-35), the controller's certificate presented, the agent's temporary certificate taken as it is. The caller
    /// disposes it.
    /// </summary>
    public GrpcChannel EnrollmentChannel(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        var tls = _tls ?? throw new InvalidOperationException("the agent channels have no TLS; enrollment needs it");
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = new FamilyConnector(subcloud.PrimaryFamily).ConnectAsync,
            SslOptions = tls.ForEnrollment(),
        };
        return GrpcChannel.ForAddress(subcloud.Agent.SecureUrl, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public int Count => _channels.Count;

    public void Dispose()
    {
        foreach (var name in _channels.Keys)
        {
            Forget(name);
        }
    }

    private Entry Create(Subcloud subcloud)
    {
        var family = subcloud.PrimaryFamily;
        var secured = _tls?.Secures(subcloud) == true;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = _options.ConnectTimeout,
            KeepAlivePingDelay = _options.KeepAliveInterval,
            KeepAlivePingTimeout = _options.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = false,
            ConnectCallback = new FamilyConnector(family).ConnectAsync,
        };
        if (secured)
        {
            handler.SslOptions = _tls!.ForSubcloud(subcloud);
        }

        var channel = GrpcChannel.ForAddress(secured ? subcloud.Agent.SecureUrl : subcloud.Agent.Url, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        return new Entry(subcloud.Agent, family, channel, channel.Intercept(_fencing));
    }

    private sealed record Entry(AgentEndpoint Endpoint, IpFamily Family, GrpcChannel Channel, CallInvoker Invoker)
    {
        public bool Serves(Subcloud subcloud) => Endpoint == subcloud.Agent && Family == subcloud.PrimaryFamily;
    }
}
