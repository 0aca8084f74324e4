using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Controller.Core.Identity;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;
using DistributedCloud.Site.Hosting.Security;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Security;

/// <summary>
/// Client certificates on the admin API (S-6): an administrator's certificate of this controller's CA, naming
/// <c>dc://admin/&lt;role&gt;/&lt;name&gt;</c>, authenticates with that role. Agents' and access certificates do not.
/// </summary>
public sealed class AdminCertificatePolicy(ControllerPki pki, TimeProvider time, IOptions<SecurityOptions> security) : ICallerCertificatePolicy
{
    public ClaimsPrincipal? Authenticate(X509Certificate2 certificate, string scheme, out string problem)
    {
        if (!pki.IsOpen)
        {
            problem = "the controller is starting";
            return null;
        }

        if (!pki.Trust.Validates(certificate, time.GetUtcNow(), security.Value.ClockSkew, out problem))
        {
            return null;
        }

        var identity = PeerIdentity.Of(certificate);
        if (identity is not { Kind: PeerKind.Admin, Role: { } role })
        {
            problem = $"the certificate names {identity?.ToString() ?? "no dc:// identity"}; the admin API takes administrators' certificates (dc://admin/ROLE/NAME) or tokens";
            return null;
        }

        problem = string.Empty;
        return AccessClaims.Principal(identity.Name, role, AccessClaims.CertificateMethod, scheme);
    }
}
