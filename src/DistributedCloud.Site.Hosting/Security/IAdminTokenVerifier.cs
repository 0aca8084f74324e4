using DistributedCloud.Security.Access;

namespace DistributedCloud.Site.Hosting.Security;

/// <summary>A presented bearer token checked against the host's token store (S-6): the controller's database, a standalone agent's file.</summary>
public interface IAdminTokenVerifier
{
    ValueTask<TokenCheck> VerifyAsync(string token, CancellationToken cancellationToken);
}

/// <summary>A token's holder and role, or why it is refused (unknown, expired, revoked).</summary>
public sealed record TokenCheck(string? Name, AdminRole? Role, string? Problem)
{
    public static TokenCheck Valid(string name, AdminRole role) => new(name, role, null);

    public static TokenCheck Refused(string problem) => new(null, null, problem);

    public bool IsValid => Problem is null && Name is not null && Role is not null;
}
