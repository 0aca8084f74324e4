using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;
using DistributedCloud.Site.Hosting.Security;

namespace DistributedCloud.Agent.Security;

/// <summary>
/// What a client certificate proves on an agent (S-4, S-5, S-5a). Enrolled: a certificate that chains to the agent's
/// trust bundle (clock skew allowed) and names <c>dc://controller/&lt;id&gt;</c> is an administrator carrying the
/// controller-id claim (so the fencing claim must be that id, S-5); <c>dc://access/&lt;this subcloud&gt;/&lt;role&gt;/&lt;name&gt;</c>
/// has that role. Anything else (another subcloud's or access certificate, an administrator's of the controller, another
/// CA's, no identity) is refused with the reason. A standalone or enrolling agent takes no client certificates.
/// </summary>
public sealed class AgentCallerPolicy(AgentCredentials credentials) : ICallerCertificatePolicy
{
    public ClaimsPrincipal? Authenticate(X509Certificate2 certificate, string scheme, out string problem)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        switch (credentials.Mode)
        {
            case AgentAccessMode.Enrolling:
                problem = "this agent is waiting for enrollment by its controller (S-2) and serves nobody until then";
                return null;
            case AgentAccessMode.Standalone:
                problem = "this standalone agent takes its own admin tokens, not client certificates (S-5a)";
                return null;
        }

        var trust = credentials.Trust!;
        var subcloud = credentials.Subcloud!;
        if (!trust.Validates(certificate, credentials.Time.GetUtcNow(), credentials.ClockSkew, out var untrusted))
        {
            problem = $"{untrusted}; this agent trusts only the certificate authorities of its controllers (S-4)";
            return null;
        }

        var identity = PeerIdentity.Of(certificate);
        switch (identity)
        {
            case { Kind: PeerKind.Controller }:
                problem = string.Empty;
                return AccessClaims.Principal(identity.ToString(), AdminRole.Admin, AccessClaims.CertificateMethod, scheme, controllerId: identity.Name);
            case { Kind: PeerKind.Access, Role: { } role } when string.Equals(identity.Scope, subcloud, StringComparison.Ordinal):
                problem = string.Empty;
                return AccessClaims.Principal(identity.Name, role, AccessClaims.CertificateMethod, scheme);
            case { Kind: PeerKind.Access }:
                problem = $"the access certificate is for subcloud '{identity.Scope}'; this agent is subcloud '{subcloud}' (S-5a)";
                return null;
            case { Kind: PeerKind.Subcloud }:
                problem = $"it is the certificate of subcloud '{identity.Name}''s agent, which calls nobody (S-4)";
                return null;
            case { Kind: PeerKind.Admin }:
                problem = $"it is an administrator's certificate of the controller; reach this agent through the controller (dcctl --subcloud {subcloud}) or with 'dcctl subcloud access {subcloud}' (S-5a)";
                return null;
            default:
                problem = "the certificate names no dc:// identity (S-3)";
                return null;
        }
    }
}
