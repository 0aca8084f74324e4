using Microsoft.Extensions.Options;

namespace DistributedCloud.Rpc.Server;

/// <summary>Checks every server setting at start and reports every bad key at once.</summary>
public sealed class RpcServerOptionsValidator : IValidateOptions<RpcServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RpcServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = RpcServerOptions.SectionName;
        var failures = new List<string>();
        if (options.MaxReceiveMessageSize <= 0)
        {
            failures.Add($"{prefix}:MaxReceiveMessageSize must be a positive number of bytes (was {options.MaxReceiveMessageSize}).");
        }

        if (options.MaxSendMessageSize is <= 0)
        {
            failures.Add($"{prefix}:MaxSendMessageSize must be a positive number of bytes or unset (was {options.MaxSendMessageSize}).");
        }

        // Kestrel refuses keepalive settings under one second.
        if (options.KeepAliveInterval is { } interval && interval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{prefix}:KeepAliveInterval must be at least 1 s or unset (was {interval}).");
        }

        if (options.KeepAliveTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{prefix}:KeepAliveTimeout must be at least 1 s (was {options.KeepAliveTimeout}).");
        }

        for (var i = 0; i < options.Listen.Count; i++)
        {
            if (!System.Net.IPEndPoint.TryParse(options.Listen[i] ?? string.Empty, out var endpoint) || endpoint.Port == 0)
            {
                failures.Add($"{prefix}:Listen:{i} '{options.Listen[i]}' is not 'address:port' with a non-zero port (IPv6 as [addr]:port).");
            }
        }

        var tls = options.Tls;
        if (tls.Enabled)
        {
            CheckFile(failures, $"{prefix}:Tls:CertificatePath", tls.CertificatePath);
            CheckFile(failures, $"{prefix}:Tls:KeyPath", tls.KeyPath);
            if (tls.RequireClientCertificate)
            {
                CheckFile(failures, $"{prefix}:Tls:ClientCaPath", tls.ClientCaPath);
            }
        }
        else if (tls.RequireClientCertificate)
        {
            failures.Add($"{prefix}:Tls:RequireClientCertificate needs {prefix}:Tls:Enabled=true.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckFile(List<string> failures, string key, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{key} is required.");
        }
        else if (!File.Exists(path))
        {
            failures.Add($"{key} '{path}' does not exist.");
        }
    }
}
