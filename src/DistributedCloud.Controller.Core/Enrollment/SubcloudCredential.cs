using System.Net;

namespace DistributedCloud.Controller.Core.Enrollment;

/// <summary>
/// A subcloud's enrollment as the controller records it (S-2, S-3): its join token (id and secret hash only), the
/// certificate issued to its agent, the one before a renewal, and a revocation. Immutable: each command returns a
/// changed copy.
/// </summary>
public sealed record SubcloudCredential
{
    /// <summary>Renewal starts once this share of a certificate's lifetime has passed (S-3).</summary>
    public const double RenewalPoint = 2.0 / 3.0;

    public required string Subcloud { get; init; }

    public string? JoinTokenId { get; init; }

    public string? JoinTokenHash { get; init; }

    public DateTimeOffset? JoinTokenCreatedAt { get; init; }

    public DateTimeOffset? JoinTokenExpiresAt { get; init; }

    public DateTimeOffset? JoinTokenUsedAt { get; init; }

    public string? CertificateSerial { get; init; }

    public string? CertificatePem { get; init; }

    public DateTimeOffset? CertificateIssuedAt { get; init; }

    public DateTimeOffset? CertificateNotBefore { get; init; }

    public DateTimeOffset? CertificateNotAfter { get; init; }

    public IReadOnlyList<IPAddress> CertificateAddresses { get; init; } = [];

    public DateTimeOffset? CertificateInstalledAt { get; init; }

    public string? PreviousSerial { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public long Version { get; init; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A certificate was issued and the agent confirmed it installed.</summary>
    public bool IsInstalled => CertificateSerial is not null && CertificateInstalledAt is not null;

    /// <summary>The serials the TLS check accepts for this subcloud: none once revoked, else the current and the previous.</summary>
    public IReadOnlyList<string> AcceptedSerials =>
        IsRevoked ? [] : new[] { CertificateSerial, PreviousSerial }.OfType<string>().ToArray();

    /// <summary>Why the join token cannot be used now, or null when it can.</summary>
    public string? TokenProblem(DateTimeOffset now)
    {
        if (JoinTokenId is null || JoinTokenHash is null)
        {
            return $"no join token was made for subcloud '{Subcloud}'";
        }

        if (JoinTokenUsedAt is { } used)
        {
            return $"join token {JoinTokenId} of subcloud '{Subcloud}' was used at {used:u} (a join token is good for one enrollment)";
        }

        if (RevokedAt is { } revoked && JoinTokenCreatedAt <= revoked)
        {
            return $"join token {JoinTokenId} of subcloud '{Subcloud}' was revoked at {revoked:u} with the subcloud's certificate";
        }

        if (JoinTokenExpiresAt is { } expires && now >= expires)
        {
            return $"join token {JoinTokenId} of subcloud '{Subcloud}' expired at {expires:u}";
        }

        return null;
    }

    public bool TokenUsable(DateTimeOffset now) => TokenProblem(now) is null;

    /// <summary>True when the current certificate expired beyond <paramref name="skew"/>.</summary>
    public bool IsExpired(DateTimeOffset now, TimeSpan skew) => CertificateNotAfter is { } notAfter && now - skew > notAfter;

    public CertificateState State(DateTimeOffset now, TimeSpan skew) =>
        IsRevoked ? CertificateState.Revoked
        : CertificateSerial is null ? CertificateState.WaitingForEnrollment
        : IsExpired(now, skew) ? CertificateState.Expired
        : PreviousSerial is not null ? CertificateState.Renewing
        : CertificateInstalledAt is null ? CertificateState.WaitingForEnrollment
        : CertificateState.Enrolled;

    /// <summary>When two thirds of the current certificate's lifetime (from its issue) have passed.</summary>
    public DateTimeOffset? RenewalDueAt =>
        CertificateIssuedAt is { } issued && CertificateNotAfter is { } notAfter ? issued + ((notAfter - issued) * RenewalPoint) : null;

    /// <summary>
    /// Why the installed certificate should be replaced now (S-3): two thirds of its lifetime passed, or the agent's
    /// addresses changed; null when it need not be.
    /// </summary>
    public string? RenewalReason(DateTimeOffset now, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (!IsInstalled || IsRevoked)
        {
            return null;
        }

        if (RenewalDueAt is { } due && now >= due)
        {
            return $"two thirds of its lifetime have passed (it expires at {CertificateNotAfter:u})";
        }

        if (!addresses.SequenceEqual(CertificateAddresses))
        {
            return $"the agent's addresses changed ({AgentAddresses.ToText(CertificateAddresses)} -> {AgentAddresses.ToText(addresses)})";
        }

        return null;
    }

    /// <summary>
    /// Why the controller cannot call the agent over mutual TLS now (waiting for enrollment, revoked, expired), with the
    /// way out; null when it can (enrolled, or renewing with the old certificate still accepted).
    /// </summary>
    public string? Unusable(DateTimeOffset now, TimeSpan skew)
    {
        var state = State(now, skew);
        if (state is CertificateState.Enrolled or CertificateState.Renewing)
        {
            return null;
        }

        var why = state switch
        {
            CertificateState.Revoked => $"its certificate was revoked at {RevokedAt:u}",
            CertificateState.Expired => $"its certificate expired at {CertificateNotAfter:u}",
            _ when CertificateSerial is not null => $"certificate {CertificateSerial} was issued at {CertificateIssuedAt:u} but its agent has not confirmed installing it",
            _ => "it holds no certificate yet",
        };
        if (state == CertificateState.WaitingForEnrollment && CertificateSerial is not null && JoinTokenUsedAt is not null)
        {
            return $"waiting for enrollment (S-2): {why}; the controller sends it again at the next audit (if the agent restarted since, "
                + $"it lost the key of that certificate: make a new token with 'dcctl subcloud enroll {Subcloud}' and restart the agent with it)";
        }

        var token = TokenProblem(now) is { } problem
            ? $"{problem}; make a new one with 'dcctl subcloud enroll {Subcloud}' and restart its agent with --join-token and --ca-fingerprint"
            : $"the controller enrolls it at the next audit once its agent runs with join token {JoinTokenId} (usable until {JoinTokenExpiresAt:u})";
        return $"waiting for enrollment (S-2): {why}; {token}";
    }
}
