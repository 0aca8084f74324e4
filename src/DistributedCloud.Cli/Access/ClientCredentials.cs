using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;

namespace DistributedCloud.Cli.Access;

/// <summary>
/// What dcctl proves and trusts (S-6): a token (<c>--token</c>, <c>DCCTL_TOKEN</c>, or the configuration's), a client
/// certificate (a break-glass configuration), and the CA certificates that vouch for the server. The configuration is
/// <c>--config</c>, else <c>DCCTL_CONFIG</c>, else <c>~/.config/dcctl/config.yaml</c> when it exists.
/// </summary>
public sealed record ClientCredentials(string? Token, TrustBundle? Trust, X509Certificate2? Certificate, DcctlConfig? Config, string? ConfigPath)
{
    public const string TokenVariable = "DCCTL_TOKEN";
    public const string ConfigVariable = "DCCTL_CONFIG";

    public static readonly ClientCredentials None = new(null, null, null, null, null);

    /// <summary>How much a server certificate's validity may be off our clock (S-8b).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static string DefaultConfigPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var home = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(environment("HOME") ?? "~", ".config");
        return Path.Combine(home, "dcctl", "config.yaml");
    }

    /// <summary>The credentials of a command run; a named configuration that is missing or unreadable is a usage error listing every problem.</summary>
    public static ClientCredentials Resolve(string? tokenOption, string? configOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        string? path = null;
        var named = true;
        if (Given(configOption) is { } option)
        {
            path = option;
        }
        else if (Given(environment(ConfigVariable)) is { } variable)
        {
            path = variable;
        }
        else
        {
            named = false;
            var fallback = DefaultConfigPath(environment);
            path = File.Exists(fallback) ? fallback : null;
        }

        DcctlConfig? config = null;
        if (path is not null)
        {
            var source = configOption is not null ? "--config" : named ? ConfigVariable : "the default configuration";
            if (!File.Exists(path))
            {
                problems.Add($"{source} '{path}' does not exist; give the dcctl.yaml the controller wrote in its data directory (access/dcctl.yaml), or leave it out");
            }
            else
            {
                try
                {
                    config = DcctlConfig.Parse(File.ReadAllText(path));
                }
                catch (InvalidDataException bad)
                {
                    problems.Add($"{source} '{path}' is not a dcctl configuration: {bad.Message}");
                }
                catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{source} '{path}' cannot be read; check its owner and mode (0600, readable by you)");
                }
            }
        }

        TrustBundle? trust = null;
        if (config?.CaCertificate is { Length: > 0 } pem)
        {
            try
            {
                trust = TrustBundle.FromPem(pem);
            }
            catch (CryptographicException)
            {
                problems.Add($"'{path}': ca_certificate is not PEM certificates; copy the controller's access/dcctl.yaml again");
            }
        }

        X509Certificate2? certificate = null;
        if (config?.ClientCertificate is { Length: > 0 } certificatePem)
        {
            try
            {
                certificate = X509Certificate2.CreateFromPem(certificatePem, config.ClientKey);
            }
            catch (CryptographicException)
            {
                problems.Add($"'{path}': client_certificate and client_key are not a PEM certificate and its key; ask for a new one (dcctl subcloud access)");
            }
        }

        if (problems.Count > 0)
        {
            throw new UsageException(problems);
        }

        var token = Given(tokenOption) ?? Given(environment(TokenVariable)) ?? Given(config?.Token);
        return new ClientCredentials(token, trust, certificate, config, path);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
