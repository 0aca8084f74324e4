using System.Diagnostics.CodeAnalysis;

namespace DistributedCloud.Controller.Core.Access;

/// <summary>The answer to a presented token: the identity it authenticates, or why it does not.</summary>
public sealed record TokenVerification
{
    private TokenVerification(TokenIdentity? identity, TokenRefusal? refusal)
    {
        Identity = identity;
        Refusal = refusal;
    }

    public TokenIdentity? Identity { get; }

    public TokenRefusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsValid => Identity is not null;

    public static TokenVerification Accepted(TokenIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new TokenVerification(identity, null);
    }

    public static TokenVerification Refused(TokenRefusal refusal) => new(null, refusal);
}
