using DistributedCloud.Security.Tokens;

namespace DistributedCloud.Controller.Core.Enrollment;

/// <summary>
/// A join token just created for a subcloud (S-2), with what its agent is started with: shown once (the add or enroll
/// answer), never stored but as a hash.
/// </summary>
public sealed record JoinTokenGrant(string Subcloud, JoinToken Token, DateTimeOffset ExpiresAt, string CaFingerprint);
