using System.Reflection;
using DistributedCloud.Site.Hosting.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DistributedCloud.Site.Hosting.Diagnostics;

/// <summary>
/// OpenTelemetry for every site host. Metrics: the product's meters (<c>DistributedCloud.*</c>), ASP.NET Core's
/// (every gRPC call is an HTTP/2 request: <c>http.server.request.duration</c> by <c>http.route</c> = the method) and the
/// runtime's (GC, heap, thread pool, and the process's CPU time and working set), read by the Prometheus exporter
/// behind /metrics. Traces (ASP.NET Core, HttpClient, the product's activity sources) and an OTLP copy of the metrics
/// only when an OTLP endpoint is configured: by default nothing is exported and nothing calls out.
/// </summary>
public static class SiteHostTelemetry
{
    /// <summary>Every meter and activity source of the product.</summary>
    public const string ProductSources = "DistributedCloud.*";

    /// <summary>
    /// Registers the OpenTelemetry SDK: resource <c>service.name</c> = <c>distributedcloud-ROLE</c>, the meters and the
    /// /metrics reader; with an OTLP endpoint (<see cref="TelemetryOptions"/>, or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>)
    /// also tracing and the OTLP exporter for both signals.
    /// </summary>
    public static WebApplicationBuilder AddSiteHostTelemetry(this WebApplicationBuilder builder, SiteHostRole role)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(role);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());

        var settings = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoint = string.IsNullOrWhiteSpace(settings.OtlpEndpoint) ? configuration[TelemetryOptions.OtlpEndpointVariable] : settings.OtlpEndpoint;
        var otlp = endpoint is not null && IsOtlpEndpoint(endpoint);
        if (otlp && !string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
        {
            // The setting is handed to the exporter as the standard variable, so both behave the same (with
            // http/protobuf the exporter appends /v1/traces and /v1/metrics only to an endpoint given that way).
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [TelemetryOptions.OtlpEndpointVariable] = settings.OtlpEndpoint,
                [TelemetryOptions.OtlpProtocolVariable] = string.IsNullOrWhiteSpace(settings.OtlpProtocol) ? configuration[TelemetryOptions.OtlpProtocolVariable] : settings.OtlpProtocol,
            });
        }
        else if (!string.IsNullOrWhiteSpace(settings.OtlpProtocol))
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { [TelemetryOptions.OtlpProtocolVariable] = settings.OtlpProtocol });
        }

        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService($"distributedcloud-{role.Name}", serviceVersion: version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ProductSources)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter(prometheus =>
                    {
                        // The meter is already in every product metric's name (dc_agent_*, dc_site_*, ...): no
                        // otel_scope_* labels, so series keep the label sets dashboards and scripts select on.
                        prometheus.ScopeInfoEnabled = false;
                        // A scrape sees the calls made before it (the response is not reused for 300 ms).
                        prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                    });
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ProductSources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>An absolute http:// or https:// URL.</summary>
    public static bool IsOtlpEndpoint(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
