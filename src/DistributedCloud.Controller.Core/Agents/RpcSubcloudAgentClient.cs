using System.Collections.Concurrent;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Fencing;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Core.Agents;

/// <summary>
/// <see cref="ISubcloudAgentClient"/> over the project's gRPC layer: one channel per subcloud, dialing only the
/// subcloud's primary family (<see cref="RpcChannelOptions.Family"/>, N-35), every call carrying the controller's
/// fencing token and a deadline. A changed agent endpoint replaces the channel; the channel (one HTTP/2 connection)
/// is kept per subcloud for audits and the admin API's proxied calls alike.
/// </summary>
public sealed class RpcSubcloudAgentClient : ISubcloudAgentClient, IDisposable
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = AgentReflection.Descriptor.Services[0];
    private static readonly RpcMethod<GetSiteRequest, Site> GetSite = RpcMethod<GetSiteRequest, Site>.From(Service, "GetSite");
    private static readonly RpcMethod<ApplyNetworkChangeRequest, ApplyNetworkChangeResponse> ApplyNetworkChange =
        RpcMethod<ApplyNetworkChangeRequest, ApplyNetworkChangeResponse>.From(Service, "ApplyNetworkChange");
    private static readonly RpcMethod<HostActionRequest, HostActionResponse> LockHost = RpcMethod<HostActionRequest, HostActionResponse>.From(Service, "LockHost");
    private static readonly RpcMethod<HostActionRequest, HostActionResponse> UnlockHost = RpcMethod<HostActionRequest, HostActionResponse>.From(Service, "UnlockHost");
    private static readonly RpcMethod<HostActionRequest, HostActionResponse> SwactHost = RpcMethod<HostActionRequest, HostActionResponse>.From(Service, "SwactHost");

    private static readonly RpcMethod<WatchEventsRequest, SiteEvent> WatchEvents = RpcMethod<WatchEventsRequest, SiteEvent>.From(Service, "WatchEvents");

    /// <summary>A watch has no deadline of its own; this bounds it (the caller watches again after it ends).</summary>
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, object> _methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (AgentEndpoint Endpoint, RpcChannel Channel)> _channels = new(StringComparer.Ordinal);
    private readonly AgentClientOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly TimeProvider _time;

    public RpcSubcloudAgentClient(AgentClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _loggerFactory = loggerFactory;
        _time = time ?? TimeProvider.System;
    }

    public Task<Site> GetSiteAsync(Subcloud subcloud, CancellationToken cancellationToken) =>
        ChannelFor(subcloud).UnaryAsync(GetSite, new GetSiteRequest(), Call(cancellationToken));

    public Task<ApplyNetworkChangeResponse> ApplyNetworkChangeAsync(Subcloud subcloud, ApplyNetworkChangeRequest request, CancellationToken cancellationToken) =>
        ChannelFor(subcloud).UnaryAsync(ApplyNetworkChange, request, Call(cancellationToken));

    public Task<HostActionResponse> HostActionAsync(Subcloud subcloud, HostAction action, HostActionRequest request, CancellationToken cancellationToken)
    {
        var method = action switch
        {
            HostAction.Lock => LockHost,
            HostAction.Unlock => UnlockHost,
            HostAction.Swact => SwactHost,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a host action"),
        };
        return ChannelFor(subcloud).UnaryAsync(method, request, Call(cancellationToken));
    }

    public Task<TResponse> CallAsync<TRequest, TResponse>(Subcloud subcloud, string method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
    {
        var rpc = (RpcMethod<TRequest, TResponse>)_methods.GetOrAdd(method, name => RpcMethod<TRequest, TResponse>.From(Service, name));
        return ChannelFor(subcloud).UnaryAsync(rpc, request, Call(cancellationToken));
    }

    public async IAsyncEnumerable<SiteEvent> WatchEventsAsync(Subcloud subcloud, WatchEventsRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = ChannelFor(subcloud).ServerStreaming(WatchEvents, request, Call(cancellationToken) with { Timeout = WatchTimeout });
        await foreach (var item in call.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Drops a deleted subcloud's channel.</summary>
    public void Forget(string subcloud)
    {
        if (_channels.TryRemove(subcloud, out var entry))
        {
            entry.Channel.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var name in _channels.Keys)
        {
            Forget(name);
        }
    }

    private CallOptions Call(CancellationToken cancellationToken) => new()
    {
        Fencing = new FencingToken(_options.ControllerId, _options.LeadershipEpoch),
        Timeout = _options.CallTimeout,
        CancellationToken = cancellationToken,
    };

    private RpcChannel ChannelFor(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        var entry = _channels.AddOrUpdate(
            subcloud.Name,
            _ => (subcloud.Agent, Create(subcloud)),
            (_, existing) =>
            {
                if (existing.Endpoint == subcloud.Agent)
                {
                    return existing;
                }

                existing.Channel.Dispose();
                return (subcloud.Agent, Create(subcloud));
            });
        return entry.Channel;
    }

    /// <summary>N-35: the channel connects over the subcloud's primary family only.</summary>
    private RpcChannel Create(Subcloud subcloud) => RpcChannel.Create(new RpcChannelOptions
    {
        Address = subcloud.Agent.Url,
        Family = subcloud.PrimaryFamily,
        DefaultTimeout = _options.CallTimeout,
        ConnectTimeout = _options.ConnectTimeout,
    }, _loggerFactory, _time);
}
