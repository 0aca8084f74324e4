using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DistributedCloud.Site.Hosting.Health;

/// <summary>
/// Whether the host can answer calls, and if not why: the one readiness source behind /readyz and the standard
/// <c>grpc.health.v1.Health</c> service, so load balancers and operators see the same answer.
/// </summary>
public sealed class SiteReadiness(Func<string?> whyNotReady) : IHealthCheck
{
    private volatile bool _started;

    /// <summary>Null when ready, else why not: the host's own reason first, then the rest of its start sequence.</summary>
    public string? WhyNotReady() => whyNotReady() ?? (_started ? null : "the start sequence has not finished");

    /// <summary>The start sequence finished (stores open, first-start credentials written): the host may answer.</summary>
    public void MarkStarted() => _started = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(WhyNotReady() is { } why ? HealthCheckResult.Unhealthy(why) : HealthCheckResult.Healthy("ready"));
}
