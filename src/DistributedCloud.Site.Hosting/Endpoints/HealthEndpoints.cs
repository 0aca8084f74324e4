using DistributedCloud.Site.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DistributedCloud.Site.Hosting.Endpoints;

/// <summary>
/// /healthz (liveness: the process answers; no checks), /readyz (the "ready" health check, <see cref="Health.SiteReadiness"/>)
/// through <c>MapHealthChecks</c>, and /metrics through OpenTelemetry's Prometheus exporter, on the --http-listen
/// endpoint only: every other request on that port is 404, and the gRPC ports never serve these paths.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The name of the readiness check (registered with the gRPC health service, which reports the same).</summary>
    public const string ReadyCheck = "ready";

    private const string NotFoundText = "not found: this endpoint serves /healthz, /readyz and /metrics\n";

    /// <param name="app">The host's application.</param>
    /// <param name="httpListen">The --http-listen URL, read on the first request (settings are checked after the pipeline is composed).</param>
    public static WebApplication MapHealthEndpoints(this WebApplication app, Func<string?> httpListen)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(httpListen);
        var port = new Lazy<int>(() =>
            httpListen() is { } text && !string.IsNullOrWhiteSpace(text) && ListenAddress.TryParse(text, out var address, out _)
                ? address!.EndPoint.Port
                : -1);
        bool OnHttpPort(HttpContext http) => http.Connection.LocalPort == port.Value;

        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => OnHttpPort(http) && http.Request.Path == "/metrics",
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
        app.UseRouting();
        // Routing has chosen an endpoint: on the HTTP port only the health endpoints answer; elsewhere they do not exist.
        app.Use(async (http, next) =>
        {
            var endpoint = http.GetEndpoint();
            var health = endpoint?.Metadata.GetMetadata<HttpPortOnly>() is not null;
            // A path no endpoint serves is 404 on either port, before authentication would ask for credentials.
            if (OnHttpPort(http) == health && endpoint is not null)
            {
                await next(http);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status404NotFound;
            if (OnHttpPort(http))
            {
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(NotFoundText);
            }
        });

        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (http, _) => Text(http, "ok\n"),
        }).WithMetadata(HttpPortOnly.Instance).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Name == ReadyCheck,
            ResponseWriter = (http, report) => Text(http, report.Status == HealthStatus.Healthy
                ? "ready\n"
                : $"not ready: {string.Join("; ", report.Entries.Values.Select(e => e.Description ?? e.Exception?.Message ?? e.Status.ToString()))}\n"),
        }).WithMetadata(HttpPortOnly.Instance).AllowAnonymous();
        return app;
    }

    private static Task Text(HttpContext http, string body)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(body);
    }

    /// <summary>Marks the endpoints served on the --http-listen port only.</summary>
    private sealed class HttpPortOnly
    {
        public static readonly HttpPortOnly Instance = new();
    }
}
