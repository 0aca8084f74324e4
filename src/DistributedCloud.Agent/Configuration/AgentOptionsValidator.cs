using DistributedCloud.Security.Pki;
using DistributedCloud.Security.Tokens;
using DistributedCloud.Site.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Configuration;

/// <summary>Checks every agent setting at start (the site host's checks, then enrollment's) and reports every bad key at once.</summary>
public sealed class AgentOptionsValidator(IConfiguration configuration, HostRunMode mode) : IValidateOptions<AgentOptions>
{
    private const string P = AgentOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        new SiteHostOptionsChecks(configuration, AgentOptions.SectionName, "/var/lib/distributedcloud-agent").Check(options, mode.MigrateOnly, failures);
        if (!mode.MigrateOnly)
        {
            CheckEnrollment(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>S-2: the join token and the CA fingerprint come together, each in its form, and the controller needs a TLS listener to enroll over.</summary>
    private static void CheckEnrollment(AgentOptions options, List<string> failures)
    {
        var token = !string.IsNullOrWhiteSpace(options.JoinToken);
        var fingerprint = !string.IsNullOrWhiteSpace(options.CaFingerprint);
        if (token != fingerprint)
        {
            failures.Add($"{P}:JoinToken (--join-token) and {P}:CaFingerprint (--ca-fingerprint) go together (S-2): give both, as 'dcctl subcloud add' or 'dcctl subcloud enroll' printed them, or neither.");
        }

        // The token is a secret: a refusal never repeats it.
        if (token && !JoinToken.TryParse(options.JoinToken, out _))
        {
            failures.Add($"{P}:JoinToken (--join-token) is not a join token: ID.SECRET (12 hex digits, a dot, the secret of at least 22 base64url characters) (S-2); copy it whole as 'dcctl subcloud add' or 'dcctl subcloud enroll' printed it.");
        }

        if (fingerprint && !CertificateFingerprint.TryNormalize(options.CaFingerprint, out _))
        {
            failures.Add($"{P}:CaFingerprint (--ca-fingerprint) '{options.CaFingerprint}' is not a certificate fingerprint: sha256: and 64 hex digits (S-1, S-2), as 'dcctl subcloud add' printed it.");
        }

        if (token && !options.ListenUrls.Any(u => ListenAddress.TryParse(u, out var address, out _) && address!.Tls))
        {
            failures.Add($"{P}:JoinToken (--join-token) needs an https:// --listen address: the controller enrolls the agent over TLS (S-2, S-4), on the address it was added with.");
        }
    }
}
