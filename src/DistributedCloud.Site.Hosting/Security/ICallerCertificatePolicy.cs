using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;

namespace DistributedCloud.Site.Hosting.Security;

/// <summary>
/// What a client certificate proves on this host: the controller admits its administrators' certificates; an agent
/// admits its controllers and short-lived access certificates for its own subcloud (S-4, S-5a).
/// </summary>
public interface ICallerCertificatePolicy
{
    /// <summary>The caller, or null with <paramref name="problem"/> saying why the certificate is refused.</summary>
    ClaimsPrincipal? Authenticate(X509Certificate2 certificate, string scheme, out string problem);
}
