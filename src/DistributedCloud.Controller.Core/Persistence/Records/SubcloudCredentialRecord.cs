namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>
/// Row of <c>subcloud_credentials</c>: a subcloud's join token (only its hash) and its agent's certificate (S-2, S-3).
/// One row per subcloud, created with the subcloud, removed with it.
/// </summary>
internal sealed class SubcloudCredentialRecord
{
    public string Subcloud { get; set; } = string.Empty;

    public string? JoinTokenId { get; set; }

    /// <summary>"sha256:&lt;hex&gt;" of the token's secret; the secret itself is never stored.</summary>
    public string? JoinTokenHash { get; set; }

    public DateTimeOffset? JoinTokenCreatedAt { get; set; }

    public DateTimeOffset? JoinTokenExpiresAt { get; set; }

    public DateTimeOffset? JoinTokenUsedAt { get; set; }

    /// <summary>The serial (hex) of the certificate issued last.</summary>
    public string? CertificateSerial { get; set; }

    /// <summary>The issued certificate (PEM, public): sent again when its installation was interrupted.</summary>
    public string? CertificatePem { get; set; }

    public DateTimeOffset? CertificateIssuedAt { get; set; }

    public DateTimeOffset? CertificateNotBefore { get; set; }

    public DateTimeOffset? CertificateNotAfter { get; set; }

    /// <summary>The IP addresses the certificate names, comma-separated.</summary>
    public string? CertificateAddresses { get; set; }

    /// <summary>When the agent confirmed the certificate installed (null: issued, not yet installed).</summary>
    public DateTimeOffset? CertificateInstalledAt { get; set; }

    /// <summary>The certificate before a renewal, accepted until the agent presents the new one.</summary>
    public string? PreviousSerial { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public long Version { get; set; }
}
