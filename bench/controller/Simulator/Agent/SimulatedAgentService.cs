using DistributedCloud.Site.Hosting.Grpc;
using Grpc.Core;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Simulator.Agent;

/// <summary>
/// distributedcloud.agent.v1.SubcloudAgent for every simulated site at once: each call goes to the site of the local
/// address it arrived at. The calls the controller makes (GetSite, ApplyNetworkChange, host actions) and ListHosts;
/// the rest answer UNIMPLEMENTED.
/// </summary>
public sealed class SimulatedAgentService(SimulatedFleet fleet, TimeProvider time) : V1.SubcloudAgent.SubcloudAgentBase
{
    public override Task<V1.Site> GetSite(V1.GetSiteRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(fleet.At(context.LocalAddress()).GetSite(context.LocalAddress()?.ToString(), context.RemoteAddress()?.ToString()));
    }

    public override Task<V1.ListHostsResponse> ListHosts(V1.ListHostsRequest request, ServerCallContext context) =>
        Task.FromResult(Site(context).ListHosts());

    public override Task<V1.ApplyNetworkChangeResponse> ApplyNetworkChange(V1.ApplyNetworkChangeRequest request, ServerCallContext context) =>
        Task.FromResult(Site(context).ApplyNetworkChange(request, time.GetUtcNow()));

    public override Task<V1.HostActionResponse> LockHost(V1.HostActionRequest request, ServerCallContext context) =>
        Task.FromResult(Site(context).HostAction(V1.HostAction.Lock, request, time.GetUtcNow()));

    public override Task<V1.HostActionResponse> UnlockHost(V1.HostActionRequest request, ServerCallContext context) =>
        Task.FromResult(Site(context).HostAction(V1.HostAction.Unlock, request, time.GetUtcNow()));

    public override Task<V1.HostActionResponse> SwactHost(V1.HostActionRequest request, ServerCallContext context) =>
        Task.FromResult(Site(context).HostAction(V1.HostAction.Swact, request, time.GetUtcNow()));

    private SimulatedSite Site(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return fleet.At(context.LocalAddress());
    }
}
