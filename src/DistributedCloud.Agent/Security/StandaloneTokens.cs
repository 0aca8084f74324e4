using System.Text.Json;
using System.Text.Json.Serialization;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;
using DistributedCloud.Security.Tokens;
using DistributedCloud.Site.Hosting.Security;

namespace DistributedCloud.Agent.Security;

/// <summary>
/// The admin tokens of a standalone agent (S-5a): <c>DIR/access/tokens.json</c>, only hashes, owner-only. The first
/// start creates the bootstrap administrator's token, shown in <c>DIR/access/admin-token</c> and the dcctl
/// configuration beside it. An enrolled agent takes no tokens: its callers are its controllers and access certificates.
/// </summary>
public sealed class StandaloneTokens : IAdminTokenVerifier
{
    public const string FileName = "tokens.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private IReadOnlyDictionary<string, StoredToken> _byHash = new Dictionary<string, StoredToken>();
    private bool _enabled;
    private string _refusal = EnrolledRefusal;

    /// <summary>What a token presented to an enrolled agent is told.</summary>
    public const string EnrolledRefusal = "this agent is enrolled and takes certificates only; for direct access use 'dcctl subcloud access NAME' on its controller (S-5a)";

    public void Load(string accessDirectory)
    {
        var path = Path.Combine(accessDirectory, FileName);
        var tokens = File.Exists(path)
            ? JsonSerializer.Deserialize<List<StoredToken>>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"'{path}' holds no token list")
            : [];
        _byHash = tokens.ToDictionary(t => t.Hash, StringComparer.Ordinal);
        _enabled = true;
    }

    /// <summary>Adds a token and returns its text (shown once; only its hash is kept).</summary>
    public string Create(string accessDirectory, string name, AdminRole role, DateTimeOffset now)
    {
        var token = SecretToken.NewAdminToken();
        var stored = _byHash.Values.Append(new StoredToken(name, role.Name(), SecretToken.Hash(token), now)).ToList();
        KeyFiles.WriteSecret(Path.Combine(accessDirectory, FileName), JsonSerializer.Serialize(stored, Json));
        _byHash = stored.ToDictionary(t => t.Hash, StringComparer.Ordinal);
        _enabled = true;
        return token;
    }

    public bool Any => _byHash.Count > 0;

    public ValueTask<TokenCheck> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return ValueTask.FromResult(TokenCheck.Refused(_refusal));
        }

        return ValueTask.FromResult(_byHash.TryGetValue(SecretToken.Hash(token), out var stored) && AdminRoles.TryParse(stored.Role, out var role)
            ? TokenCheck.Valid(stored.Name, role.Value)
            : TokenCheck.Refused("the token is not known to this agent"));
    }

    /// <summary>Stops taking tokens (the agent enrolled).</summary>
    public void Disable() => Disable(EnrolledRefusal);

    /// <summary>Stops taking tokens; a token presented is refused with <paramref name="refusal"/> (the agent waits for enrollment, S-2).</summary>
    public void Disable(string refusal)
    {
        _refusal = refusal;
        _enabled = false;
    }

    private sealed record StoredToken(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("hash")] string Hash,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
}
