using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Site.Hosting.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Site.Hosting.Endpoints;

/// <summary>
/// /healthz (the process answers), /readyz (the host says it is ready) and /metrics (Prometheus text) on the
/// --http-listen endpoint only; every other request on that port is 404, and the gRPC ports never serve these paths.
/// </summary>
public static class HealthEndpoints
{
    /// <param name="httpListen">The --http-listen URL, read on the first request (settings are reported after the pipeline is composed).</param>
    /// <param name="readiness">Null when ready, else why not (the 503 body).</param>
    /// <param name="metrics">The exporter /metrics scrapes.</param>
    public static Func<HttpContext, RequestDelegate, Task> Middleware(Func<string?> httpListen, Func<string?> readiness, PrometheusExporter metrics)
    {
        ArgumentNullException.ThrowIfNull(httpListen);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(metrics);
        var port = new Lazy<int>(() =>
            httpListen() is { } text && !string.IsNullOrWhiteSpace(text) && ListenAddress.TryParse(text, out var address, out _)
                ? address!.EndPoint.Port
                : -1);
        return async (http, next) =>
        {
            if (http.Connection.LocalPort != port.Value)
            {
                await next(http);
                return;
            }

            http.Response.Headers.CacheControl = "no-store";
            switch (http.Request.Path.Value)
            {
                case "/healthz":
                    await Text(http, StatusCodes.Status200OK, "ok\n");
                    break;
                case "/readyz":
                    await (readiness() is { } why
                        ? Text(http, StatusCodes.Status503ServiceUnavailable, $"not ready: {why}\n")
                        : Text(http, StatusCodes.Status200OK, "ready\n"));
                    break;
                case "/metrics":
                    await Text(http, StatusCodes.Status200OK, metrics.Scrape(), "text/plain; version=0.0.4; charset=utf-8");
                    break;
                default:
                    await Text(http, StatusCodes.Status404NotFound, "not found: this endpoint serves /healthz, /readyz and /metrics\n");
                    break;
            }
        };
    }

    private static Task Text(HttpContext http, int status, string body, string contentType = "text/plain; charset=utf-8")
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        return http.Response.WriteAsync(body);
    }
}
