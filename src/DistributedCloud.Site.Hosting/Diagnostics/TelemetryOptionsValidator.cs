using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Site.Hosting.Diagnostics;

/// <summary>Checks the OTLP settings at start (the "Telemetry" section and the standard variables), every bad one listed.</summary>
public sealed class TelemetryOptionsValidator(IConfiguration configuration) : IValidateOptions<TelemetryOptions>
{
    private const string P = TelemetryOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && !SiteHostTelemetry.IsOtlpEndpoint(options.OtlpEndpoint))
        {
            failures.Add($"{P}:OtlpEndpoint '{options.OtlpEndpoint}' must be an absolute http:// or https:// URL of an OTLP collector, or unset.");
        }
        else if (string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && configuration[TelemetryOptions.OtlpEndpointVariable] is { } variable && !string.IsNullOrWhiteSpace(variable)
            && !SiteHostTelemetry.IsOtlpEndpoint(variable))
        {
            failures.Add($"{TelemetryOptions.OtlpEndpointVariable} '{variable}' must be an absolute http:// or https:// URL of an OTLP collector, or unset.");
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpProtocol) && options.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            failures.Add($"{P}:OtlpProtocol '{options.OtlpProtocol}' must be 'grpc' or 'http/protobuf', or unset.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
