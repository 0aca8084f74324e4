using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
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
/// connection management. A changed agent endpoint replaces the channel.
/// </summary>
public sealed class AgentChannels : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _channels = new(StringComparer.Ordinal);
    private readonly AgentClientOptions _options;
    private readonly FencingClientInterceptor _fencing;

    public AgentChannels(AgentClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var token = new FencingToken(options.ControllerId, options.LeadershipEpoch);
        _fencing = new FencingClientInterceptor(() => token);
    }

    public AgentClientOptions Options => _options;

    /// <summary>The calls on <paramref name="subcloud"/>'s agent, fencing metadata added.</summary>
    public CallInvoker InvokerFor(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        var entry = _channels.AddOrUpdate(
            subcloud.Name,
            _ => Create(subcloud),
            (_, existing) =>
            {
                if (existing.Endpoint == subcloud.Agent && existing.Family == subcloud.PrimaryFamily)
                {
                    return existing;
                }

                existing.Channel.Dispose();
                return Create(subcloud);
            });
        return entry.Invoker;
    }

    /// <summary>The deadline of one unary call from now.</summary>
    public DateTime Deadline() => DateTime.UtcNow + _options.CallTimeout;

    /// <summary>Drops a deleted subcloud's channel.</summary>
    public void Forget(string subcloud)
    {
        if (_channels.TryRemove(subcloud, out var entry))
        {
            entry.Channel.Dispose();
        }
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
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = _options.ConnectTimeout,
            KeepAlivePingDelay = _options.KeepAliveInterval,
            KeepAlivePingTimeout = _options.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = false,
            ConnectCallback = (context, cancellationToken) => ConnectOverFamilyAsync(context.DnsEndPoint, family, cancellationToken),
        };
        var channel = GrpcChannel.ForAddress(subcloud.Agent.Url, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        return new Entry(subcloud.Agent, family, channel, channel.Intercept(_fencing));
    }

    /// <summary>N-35: connect to the agent over <paramref name="family"/> only; a name with no address of that family fails the call (UNAVAILABLE).</summary>
    private static async ValueTask<Stream> ConnectOverFamilyAsync(DnsEndPoint endpoint, IpFamily family, CancellationToken cancellationToken)
    {
        var wanted = family == IpFamily.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, wanted, cancellationToken).ConfigureAwait(false);
        var candidates = addresses.Where(a => a.AddressFamily == wanted).ToArray();
        if (candidates.Length == 0)
        {
            // An IOException is what the gRPC client reports as UNAVAILABLE, like any other failed connect.
            throw new IOException(
                $"{endpoint.Host} has no {family} address; the controller dials a subcloud's agent over the subcloud's primary family only (N-35)",
                new SocketException((int)SocketError.AddressFamilyNotSupported));
        }

        var socket = new Socket(wanted, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(candidates, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed record Entry(AgentEndpoint Endpoint, IpFamily Family, GrpcChannel Channel, CallInvoker Invoker);
}
