namespace DistributedCloud.Controller.Core.Access;

/// <summary>A token just created, with its secret: the only time the secret exists outside the caller's hands (S-7).</summary>
public sealed record CreatedAdminToken(AdminToken Token, string Secret)
{
    public override string ToString() => $"CreatedAdminToken {{ Token = {Token}, Secret = [redacted] }}";
}
