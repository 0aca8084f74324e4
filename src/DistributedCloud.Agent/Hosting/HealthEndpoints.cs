using DistributedCloud.Agent.Configuration;
using DistributedCloud.Agent.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Hosting;

/// <summary>
/// /healthz (the process answers), /readyz (the site is open and the agent is not stopping) and /metrics (Prometheus
/// text) on the --http-listen endpoint only; every other request on that port is 404, and the gRPC ports never serve
/// these paths.
/// </summary>
public static class HealthEndpoints
{
    public static Func<HttpContext, RequestDelegate, Task> Middleware(IOptions<AgentOptions> options, AgentSite site, PrometheusExporter metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Read on the first request: the settings are validated (and reported) after the pipeline is composed.
        var port = new Lazy<int>(() =>
            !string.IsNullOrWhiteSpace(options.Value.HttpListen) && ListenAddress.TryParse(options.Value.HttpListen, out var address, out _)
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
                    await (site.IsReady
                        ? Text(http, StatusCodes.Status200OK, "ready\n")
                        : Text(http, StatusCodes.Status503ServiceUnavailable, "not ready: the site is not open (starting or stopping)\n"));
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
