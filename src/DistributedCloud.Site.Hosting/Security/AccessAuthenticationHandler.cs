using System.Net;
using System.Text.Encodings.Web;
using DistributedCloud.Security.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Site.Hosting.Security;

/// <summary>
/// The one authentication of a site host's gRPC calls (S-6): a client certificate (judged by the host's
/// <see cref="ICallerCertificatePolicy"/>), else an <c>authorization: Bearer</c> token (the host's
/// <see cref="IAdminTokenVerifier"/>), else, in development mode on a plaintext loopback connection only, the
/// development administrator. A presented credential that fails is a failure, never a fallback to the next kind.
/// </summary>
public sealed class AccessAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<SecurityOptions> security) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "dc";

    /// <summary>The identity of development mode's callers without credentials.</summary>
    public const string DevelopmentIdentity = "development";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is not null)
        {
            var policy = Context.RequestServices.GetService<ICallerCertificatePolicy>();
            if (policy is null)
            {
                return AuthenticateResult.Fail("this service takes no client certificates; use a token");
            }

            var principal = policy.Authenticate(certificate, SchemeName, out var problem);
            return principal is null ? AuthenticateResult.Fail(problem) : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
        }

        var header = Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            {
                return AuthenticateResult.Fail("the authorization metadata is not 'Bearer TOKEN'");
            }

            var verifier = Context.RequestServices.GetService<IAdminTokenVerifier>();
            if (verifier is null)
            {
                return AuthenticateResult.Fail("this service takes no tokens; use the certificate its controller issued");
            }

            var check = await verifier.VerifyAsync(header[7..].Trim(), Context.RequestAborted).ConfigureAwait(false);
            return check.IsValid
                ? AuthenticateResult.Success(new AuthenticationTicket(
                    AccessClaims.Principal(check.Name!, check.Role!.Value, AccessClaims.TokenMethod, SchemeName), SchemeName))
                : AuthenticateResult.Fail(check.Problem ?? "the token is not valid");
        }

        if (security.Value.DevelopmentMode && !Request.IsHttps && Context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(
                AccessClaims.Principal(DevelopmentIdentity, AdminRole.Admin, "development", SchemeName), SchemeName));
        }

        return AuthenticateResult.NoResult();
    }
}
