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
}
