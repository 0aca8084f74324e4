using Microsoft.Extensions.Options;

namespace DistributedCloud.Rpc.Client;

/// <summary>Checks every channel setting and reports every bad key at once.</summary>
public sealed class RpcChannelOptionsValidator : IValidateOptions<RpcChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, RpcChannelOptions options)
    {
        var failures = Check(options, string.IsNullOrEmpty(name) ? "RpcChannel" : name);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem of <paramref name="options"/>, each naming its key under <paramref name="prefix"/>.</summary>
    public static List<string> Check(RpcChannelOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var https = false;
        if (!Uri.TryCreate(options.Address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/")
        {
            failures.Add($"{prefix}:Address '{options.Address}' must be http://host:port or https://host:port without a path.");
        }
        else
        {
            https = uri.Scheme == Uri.UriSchemeHttps;
        }

        if (options.Family is { } family && !Enum.IsDefined(family))
        {
            failures.Add($"{prefix}:Family must be IPv4 or IPv6 (was {family}).");
        }

        if (options.MaxReceiveMessageSize <= 0)
        {
            failures.Add($"{prefix}:MaxReceiveMessageSize must be positive (was {options.MaxReceiveMessageSize}).");
        }

        if (options.MaxSendMessageSize is <= 0)
        {
            failures.Add($"{prefix}:MaxSendMessageSize must be positive or unset (was {options.MaxSendMessageSize}).");
        }

        if (options.DefaultTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}:DefaultTimeout must be positive or unset (was {timeout}).");
        }

        Positive(failures, $"{prefix}:ConnectTimeout", options.ConnectTimeout);
        AtLeastOneSecond(failures, $"{prefix}:KeepAliveInterval", options.KeepAliveInterval);
        AtLeastOneSecond(failures, $"{prefix}:KeepAliveTimeout", options.KeepAliveTimeout);
        Positive(failures, $"{prefix}:IdleTimeout", options.IdleTimeout);
        var retry = options.Retry;
        if (retry.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"{prefix}:Retry:MaxAttempts must be 1..10 (was {retry.MaxAttempts}).");
        }

        Positive(failures, $"{prefix}:Retry:InitialBackoff", retry.InitialBackoff);
        if (retry.MaxBackoff < retry.InitialBackoff)
        {
            failures.Add($"{prefix}:Retry:MaxBackoff ({retry.MaxBackoff}) must not be below InitialBackoff ({retry.InitialBackoff}).");
        }

        if (retry.BackoffMultiplier < 1)
        {
            failures.Add($"{prefix}:Retry:BackoffMultiplier must be at least 1 (was {retry.BackoffMultiplier}).");
        }

        if (retry.Jitter is < 0 or > 1)
        {
            failures.Add($"{prefix}:Retry:Jitter must be 0..1 (was {retry.Jitter}).");
        }

        if (options.Tls is null)
        {
            if (https && string.IsNullOrWhiteSpace(options.TlsCaPath))
            {
                failures.Add($"{prefix}:TlsCaPath is required for an https address (the server is validated against that CA only).");
            }

            File(failures, $"{prefix}:TlsCaPath", options.TlsCaPath);
            File(failures, $"{prefix}:TlsCertificatePath", options.TlsCertificatePath);
            File(failures, $"{prefix}:TlsKeyPath", options.TlsKeyPath);
            if (options.TlsKeyPath is not null && options.TlsCertificatePath is null)
            {
                failures.Add($"{prefix}:TlsKeyPath is set without {prefix}:TlsCertificatePath.");
            }
        }

        return failures;
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be positive (was {value}).");
        }
    }

    // SocketsHttpHandler sends keepalive PINGs from a one-second heartbeat and refuses shorter settings.
    private static void AtLeastOneSecond(List<string> failures, string key, TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{key} must be at least 1 s (was {value}).");
        }
    }

    private static void File(List<string> failures, string key, string? path)
    {
        if (path is not null && !System.IO.File.Exists(path))
        {
            failures.Add($"{key} '{path}' does not exist.");
        }
    }
}
