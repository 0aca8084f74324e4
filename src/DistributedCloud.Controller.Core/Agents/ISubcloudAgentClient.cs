using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Subclouds;

namespace DistributedCloud.Controller.Core.Agents;

/// <summary>
/// The controller's calls on a subcloud's agent (agent.proto), over the subcloud's primary family only (N-35). The one
/// seam between the controller's logic and the network: tests substitute it; the host's implementation dials over
/// <c>RpcChannel</c> with <c>RpcChannelOptions.Family</c> = the subcloud's primary family. Failures surface as
/// exceptions (gRPC status, deadline, refused family).
/// </summary>
public interface ISubcloudAgentClient
{
    Task<Site> GetSiteAsync(Subcloud subcloud, CancellationToken cancellationToken);

    Task<ApplyNetworkChangeResponse> ApplyNetworkChangeAsync(Subcloud subcloud, ApplyNetworkChangeRequest request, CancellationToken cancellationToken);

    Task<HostActionResponse> HostActionAsync(Subcloud subcloud, HostAction action, HostActionRequest request, CancellationToken cancellationToken);

    /// <summary>Any unary SubcloudAgent method by name (the admin API's proxy to a subcloud's site).</summary>
    Task<TResponse> CallAsync<TRequest, TResponse>(Subcloud subcloud, string method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new();

    /// <summary>The agent's WatchEvents stream, until the agent ends it or the token is cancelled.</summary>
    IAsyncEnumerable<SiteEvent> WatchEventsAsync(Subcloud subcloud, WatchEventsRequest request, CancellationToken cancellationToken);
}
