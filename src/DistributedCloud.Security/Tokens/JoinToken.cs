using System.Security.Cryptography;
using System.Text;

namespace DistributedCloud.Security.Tokens;

/// <summary>
/// A one-time enrollment token <c>&lt;id&gt;.&lt;secret&gt;</c> (S-2): the id finds the record, the 256-bit secret is
/// stored only as its hash and proves the agent's certificate request (an HMAC of the request keyed by the secret).
/// </summary>
public sealed record JoinToken(string Id, string Secret)
{
    public override string ToString() => $"{Id}.{Secret}";

    public string SecretHash => SecretToken.Hash(Secret);

    public static JoinToken New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), SecretToken.Base64Url(RandomNumberGenerator.GetBytes(32)));

    public static bool TryParse(string? text, out JoinToken? token)
    {
        token = null;
        var parts = text?.Trim().Split('.') ?? [];
        if (parts is not [var id, var secret] || id.Length != 12 || !id.All(Uri.IsHexDigit) || secret.Length < 22
            || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        token = new JoinToken(id.ToLowerInvariant(), secret);
        return true;
    }

    /// <summary>The proof an agent sends with its certificate request.</summary>
    public string Prove(ReadOnlySpan<byte> signingRequest) => ProofFor(SecretHash, signingRequest);

    /// <summary>
    /// Checks a proof against the stored hash of the secret. The controller keeps only that hash, so the HMAC is keyed
    /// by it on both sides: whoever could read the controller's store could forge a proof, but would hold its CA key too.
    /// </summary>
    public static bool Verify(string secretHash, ReadOnlySpan<byte> signingRequest, string? proof) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(ProofFor(secretHash, signingRequest)), Encoding.UTF8.GetBytes(proof ?? string.Empty));

    private static string ProofFor(string secretHash, ReadOnlySpan<byte> signingRequest) =>
        SecretToken.Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretHash), signingRequest));
}
