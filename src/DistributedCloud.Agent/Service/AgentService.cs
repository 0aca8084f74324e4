using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Agent.Fencing;
using DistributedCloud.Site.Hosting.Service;
using DistributedCloud.Site.Hosting.Sites;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Agent.Service;

/// <summary>
/// The agent's SubcloudAgent: the site's service (<see cref="SitePlatformService"/>) with what only an agent has: the
/// leadership it records (G-10, reported by GetSite) and a gauge of open event watches. Calls are recorded and fenced
/// by <see cref="CallRecordInterceptor"/> and <see cref="FencingInterceptor"/> before any of this runs.
/// </summary>
public sealed class AgentService(
    HostedSite site,
    LeadershipStore leadership,
    AgentTelemetry telemetry,
    IHostApplicationLifetime lifetime,
    ILogger<SitePlatformService> logger) : SitePlatformService(site, lifetime, logger)
{
    public override async Task WatchEvents(V1.WatchEventsRequest request, IServerStreamWriter<V1.SiteEvent> responseStream, ServerCallContext context)
    {
        telemetry.Watchers.Add(1);
        try
        {
            await base.WatchEvents(request, responseStream, context).ConfigureAwait(false);
        }
        finally
        {
            telemetry.Watchers.Add(-1);
        }
    }

    protected override V1.Leadership CurrentLeadership()
    {
        var current = leadership.Current;
        return new V1.Leadership { ControllerId = current.ControllerId, Epoch = current.Epoch };
    }
}
