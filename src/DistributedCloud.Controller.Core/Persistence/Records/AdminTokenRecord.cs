namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>Row of <c>admin_tokens</c> (S-6): a token's name, role, lifetime and the SHA-256 of its secret, never the secret.</summary>
internal sealed class AdminTokenRecord
{
    public string Name { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string TokenHash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
