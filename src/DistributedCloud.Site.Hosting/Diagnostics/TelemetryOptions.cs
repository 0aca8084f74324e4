namespace DistributedCloud.Site.Hosting.Diagnostics;

/// <summary>
/// Where traces and metrics go besides /metrics (section "Telemetry"). Nothing is exported unless an OTLP endpoint is
/// set here or in the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable; this setting wins over the variable.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The standard variable OpenTelemetry's OTLP exporter reads.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard variable of the OTLP protocol ("grpc" or "http/protobuf").</summary>
    public const string OtlpProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The OTLP collector, "http://collector:4317" (grpc) or "http://collector:4318" (http/protobuf); none when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (default) or "http/protobuf"; empty leaves <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> or the default.</summary>
    public string? OtlpProtocol { get; set; }
}
