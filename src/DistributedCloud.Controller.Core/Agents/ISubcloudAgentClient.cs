using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Subclouds;

namespace DistributedCloud.Controller.Core.Agents;

/// <summary>
/// The calls the controller's own logic (audit, strategy steps, host workflows) makes on a subcloud's agent, over the
/// subcloud's primary family only (N-35). The seam between that logic and the network: tests substitute it; the
/// host's implementation is <see cref="GrpcSubcloudAgentClient"/> on <see cref="AgentChannels"/>. Failures surface
/// as exceptions (gRPC status, deadline, refused family).
/// </summary>
public interface ISubcloudAgentClient
{
    Task<Site> GetSiteAsync(Subcloud subcloud, CancellationToken cancellationToken);

    Task<ApplyNetworkChangeResponse> ApplyNetworkChangeAsync(Subcloud subcloud, ApplyNetworkChangeRequest request, CancellationToken cancellationToken);

    Task<HostActionResponse> HostActionAsync(Subcloud subcloud, HostAction action, HostActionRequest request, CancellationToken cancellationToken);
}
