using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Controller.Core.Identity;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;

namespace DistributedCloud.Controller.Core.Enrollment;

/// <summary>A break-glass access certificate (S-5a) and what a dcctl configuration needs beside it.</summary>
public sealed record IssuedAccess(X509Certificate2 Certificate, PeerIdentity Identity, TrustBundle Trust, AgentEndpoint Agent);

/// <summary>
/// S-5a break-glass access: a short-lived client certificate <c>dc://access/&lt;subcloud&gt;/&lt;role&gt;/&lt;caller&gt;</c>
/// issued by the controller's CA for a key the caller made (only the PKCS#10 request comes here), which the subcloud's
/// enrolled agent accepts with that role even while its controllers are away. Nothing is stored: the certificate's short
/// life is its revocation; the admin API's audit records who asked for what.
/// </summary>
public sealed class AccessCertificates(SubcloudRegistry registry, SubcloudEnrollment enrollment, ControllerPki pki)
{
    /// <summary>Shorter would expire before a session starts; longer is a standing credential, which break-glass is not.</summary>
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromHours(24);

    public const string Rule = "S-5a";

    public async Task<IssuedAccess> IssueAsync(string subcloudName, AdminRole role, TimeSpan lifetime, byte[] signingRequest, string caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signingRequest);
        ArgumentException.ThrowIfNullOrWhiteSpace(caller);
        var problems = new List<DomainError>();
        if (role is not (AdminRole.Reader or AdminRole.Operator or AdminRole.Admin))
        {
            problems.Add(new DomainError(Rule, "role", "give the role of the access certificate: reader, operator or admin"));
        }

        if (lifetime < MinimumLifetime || lifetime > MaximumLifetime)
        {
            problems.Add(new DomainError(Rule, "expires",
                $"an access certificate lives from {MinimumLifetime.TotalMinutes:0}m to {MaximumLifetime.TotalHours:0}h; {Text(lifetime)} is not in that range"));
        }

        try
        {
            // Its own signature checked: the caller holds the key it asks a certificate for.
            _ = CertificateRequest.LoadSigningRequest(signingRequest, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (CryptographicException bad)
        {
            problems.Add(new DomainError(Rule, "signing_request", $"not a valid signed PKCS#10 request ({bad.Message})"));
        }

        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }

        var subcloud = await registry.GetAsync(subcloudName.Trim(), cancellationToken).ConfigureAwait(false);
        if (enrollment.Find(subcloud.Name) is not { CertificateSerial: not null, CertificateInstalledAt: not null })
        {
            // Only an enrolled agent trusts the controller's CA; a standalone one has its own dcctl.yaml.
            throw new DomainException(new DomainError(Rule, "subcloud",
                $"the agent of subcloud '{subcloud.Name}' is not enrolled, so it takes no access certificates; enroll it ('dcctl subcloud enroll {subcloud.Name}'), "
                + "or use the dcctl configuration a standalone agent writes in its data directory (access/dcctl.yaml)", ErrorKind.FailedPrecondition));
        }

        var identity = PeerIdentity.Access(subcloud.Name, caller, role);
        var certificate = pki.Authority.IssueFromSigningRequest(signingRequest, identity, [], lifetime, CertificateUse.Client);
        return new IssuedAccess(certificate, identity, pki.Trust, subcloud.Agent);
    }

    private static string Text(TimeSpan lifetime) =>
        lifetime.TotalHours >= 1 && lifetime.TotalHours == Math.Floor(lifetime.TotalHours) ? $"{lifetime.TotalHours:0}h"
        : lifetime.TotalMinutes == Math.Floor(lifetime.TotalMinutes) ? $"{lifetime.TotalMinutes:0}m"
        : $"{lifetime.TotalSeconds:0.###}s";
}
