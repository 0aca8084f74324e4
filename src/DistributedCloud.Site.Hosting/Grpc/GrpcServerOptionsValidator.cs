using DistributedCloud.Site.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Site.Hosting.Grpc;

/// <summary>Checks every gRPC server setting at start and reports every bad key at once.</summary>
public sealed class GrpcServerOptionsValidator : IValidateOptions<GrpcServerOptions>
{
    private const string P = GrpcServerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GrpcServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxReceiveMessageSize <= 0)
        {
            failures.Add($"{P}:MaxReceiveMessageSize must be a positive number of bytes (was {options.MaxReceiveMessageSize}).");
        }

        if (options.MaxSendMessageSize is <= 0)
        {
            failures.Add($"{P}:MaxSendMessageSize must be a positive number of bytes or unset (was {options.MaxSendMessageSize}).");
        }

        // Kestrel refuses keepalive settings under one second.
        if (!string.IsNullOrWhiteSpace(options.KeepAliveInterval)
            && (!Durations.TryParse(options.KeepAliveInterval, out var interval) || interval < TimeSpan.FromSeconds(1)))
        {
            failures.Add($"{P}:KeepAliveInterval '{options.KeepAliveInterval}' must be a duration of at least 1s ({Durations.Forms}), or unset.");
        }

        if (!Durations.TryParse(options.KeepAliveTimeout, out var timeout) || timeout < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{P}:KeepAliveTimeout '{options.KeepAliveTimeout}' must be a duration of at least 1s ({Durations.Forms}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
