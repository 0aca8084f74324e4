using DistributedCloud.Controller.Core.Access;
using DistributedCloud.Site.Hosting.Security;

namespace DistributedCloud.Controller.Access;

/// <summary>Bearer tokens on the controller are its admin tokens (S-6), checked against the store's hashes.</summary>
public sealed class ControllerTokenVerifier(AdminTokenStore tokens) : IAdminTokenVerifier
{
    public async ValueTask<TokenCheck> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (!tokens.WhenOpen.IsCompletedSuccessfully)
        {
            return TokenCheck.Refused("the controller is starting; retry in a moment");
        }

        var verification = await tokens.VerifyAsync(token, cancellationToken).ConfigureAwait(false);
        return verification.IsValid
            ? TokenCheck.Valid(verification.Identity.Name, verification.Identity.Role)
            : TokenCheck.Refused(verification.Refusal switch
            {
                TokenRefusal.Expired => "the token has expired; ask an administrator for a new one (dcctl token create)",
                TokenRefusal.Revoked => "the token was revoked; ask an administrator for a new one (dcctl token create)",
                _ => "the token is not known to this controller",
            });
    }
}
