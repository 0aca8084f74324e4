using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DistributedCloud.Site.Hosting.Health;

/// <summary>
/// Whether the host can answer calls, and if not why: the one readiness source behind /readyz and the standard
/// <c>grpc.health.v1.Health</c> service, so load balancers and operators see the same answer.
/// </summary>
public sealed class SiteReadiness(Func<string?> whyNotReady) : IHealthCheck
{
    /// <summary>Null when ready, else why not.</summary>
    public string? WhyNotReady() => whyNotReady();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(WhyNotReady() is { } why ? HealthCheckResult.Unhealthy(why) : HealthCheckResult.Healthy("ready"));
}
