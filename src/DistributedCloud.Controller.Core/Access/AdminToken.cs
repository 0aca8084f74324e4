using DistributedCloud.Security.Access;

namespace DistributedCloud.Controller.Core.Access;

/// <summary>
/// An admin token as the controller keeps it (S-6): its name, role and lifetime. The secret is never kept, only its
/// hash (<see cref="AdminTokenStore"/>), so nothing here can be presented as a credential.
/// </summary>
public sealed record AdminToken(
    string Name,
    AdminRole Role,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>Revoked wins over expired: a revoked token stays revoked whatever its expiry.</summary>
    public AdminTokenState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? AdminTokenState.Revoked
        : ExpiresAt is { } expires && expires <= now ? AdminTokenState.Expired
        : AdminTokenState.Active;
}
