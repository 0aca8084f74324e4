using DistributedCloud.Contracts.Routing;
using DistributedCloud.Site.Hosting.Service;
using DistributedCloud.Site.Hosting.Sites;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Platform;

/// <summary>
/// The controller's SubcloudAgent: its own site's service, and for a subcloud's host action (the other subcloud calls
/// are forwarded by <see cref="SubcloudForwardingInterceptor"/> before they get here) a workflow on the bus (D-19).
/// ApplyNetworkChange is refused here, for the own site and for subclouds alike.
/// </summary>
public sealed class ControllerSiteService(
    HostedSite site,
    SubcloudHostActions hostActions,
    IHostApplicationLifetime lifetime,
    ILogger<SitePlatformService> logger) : SitePlatformService(site, lifetime, logger)
{
    public override Task<V1.HostActionResponse> LockHost(V1.HostActionRequest request, ServerCallContext context) =>
        OnSubcloudOrOwn(V1.HostAction.Lock, request, context);

    public override Task<V1.HostActionResponse> UnlockHost(V1.HostActionRequest request, ServerCallContext context) =>
        OnSubcloudOrOwn(V1.HostAction.Unlock, request, context);

    public override Task<V1.HostActionResponse> SwactHost(V1.HostActionRequest request, ServerCallContext context) =>
        OnSubcloudOrOwn(V1.HostAction.Swact, request, context);

    /// <summary>
    /// Network changes through the controller are strategies (D-11: planned, checked, paused and resumed per subcloud);
    /// ApplyNetworkChange is the call the strategy executor makes on agents, never one an admin makes on the controller.
    /// </summary>
    public override Task<V1.ApplyNetworkChangeResponse> ApplyNetworkChange(V1.ApplyNetworkChangeRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.PermissionDenied,
            "ApplyNetworkChange is not served by the system controller: change a subcloud's networks with a strategy "
            + "('dcctl strategy create network-mode'), or its pools one command at a time ('dcctl --subcloud NAME addrpool-add ...')."));

    private Task<V1.HostActionResponse> OnSubcloudOrOwn(V1.HostAction action, V1.HostActionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SubcloudMetadata.Read(context.RequestHeaders) is { } subcloud
            ? hostActions.RunAsync(subcloud, action, request, context.CancellationToken)
            : HostActionAsync(action, request, context);
    }
}
