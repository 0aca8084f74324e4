using System.Globalization;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Persistence.Records;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Tokens;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Controller.Core.Access;

/// <summary>
/// The admin tokens of S-6 and S-7 on the controller's store (<c>admin_tokens</c>). A token's secret exists once, in
/// the answer to <see cref="CreateAsync"/>; the store keeps its SHA-256 only (<see cref="SecretToken.Hash"/>).
/// <see cref="VerifyAsync"/> looks a presented secret up by that hash (a unique index) and remembers a valid answer for
/// a few seconds, so a burst of calls with one token reads the store once; a revocation forgets every remembered
/// answer at once.
/// </summary>
public sealed class AdminTokenStore
{
    /// <summary>How long a valid answer is remembered (never past the token's expiry).</summary>
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromSeconds(5);

    /// <summary>Longer than any admin token (its prefix and 43 base64url characters); longer texts are not hashed.</summary>
    private const int MaxPresentedLength = 256;

    private const int MaxCacheEntries = 1024;

    private readonly ControllerDatabase _database;
    private readonly TimeSpan _cacheDuration;
    private readonly Dictionary<string, CachedIdentity> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _generation;

    public AdminTokenStore(ControllerDatabase database, TimeSpan? cacheDuration = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (cacheDuration is { } duration && duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(cacheDuration), duration, "a cache duration is zero or positive");
        }

        _database = database;
        _cacheDuration = cacheDuration ?? DefaultCacheDuration;
    }

    /// <summary>Completes once the store is open.</summary>
    public Task WhenOpen => _database.WhenOpen;

    /// <summary>
    /// S-7: a new token named <paramref name="name"/> with <paramref name="role"/>, expiring after
    /// <paramref name="expiresIn"/> (null: never). Every problem is reported at once; a refusal stores nothing.
    /// </summary>
    public Task<CreatedAdminToken> CreateAsync(string name, AdminRole role, TimeSpan? expiresIn, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        return _database.CommandAsync("token create", async context =>
        {
            var errors = new ErrorCollector();
            AdminTokenNames.Check(name, errors);
            if (!Enum.IsDefined(role))
            {
                errors.Add(AdminTokenNames.Rule, "role", $"the role is not one of {string.Join(", ", AdminRoles.Names)}");
            }

            if (expiresIn is { } lifetime && lifetime <= TimeSpan.Zero)
            {
                errors.Add(AdminTokenNames.Rule, "expires", $"a token's lifetime is positive (was {lifetime}); leave it out for a token that does not expire");
            }

            if (!errors.HasErrors && await context.AdminTokens.FindAsync([name], cancellationToken).ConfigureAwait(false) is { } existing)
            {
                errors.Add(AdminTokenNames.Rule, "name",
                    $"a token named '{name}' exists{(existing.RevokedAt is null ? string.Empty : " (revoked; names are not reused)")}; choose another name",
                    ErrorKind.Conflict);
            }

            errors.ThrowIfAny();
            var now = _database.Time.GetUtcNow();
            var secret = SecretToken.NewAdminToken();
            var token = new AdminToken(name, role, now, createdBy, expiresIn is { } after ? now + after : null, RevokedAt: null);
            context.AdminTokens.Add(new AdminTokenRecord
            {
                Name = token.Name,
                Role = token.Role.Name(),
                TokenHash = SecretToken.Hash(secret),
                CreatedAt = token.CreatedAt,
                CreatedBy = token.CreatedBy,
                ExpiresAt = token.ExpiresAt,
            });
            _database.Logger.TokenCreated(token.Name, token.Role.Name(), token.CreatedBy,
                token.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "never");
            return new CreatedAdminToken(token, secret);
        }, cancellationToken);
    }

    /// <summary>Every token, revoked and expired ones included, by name.</summary>
    public Task<IReadOnlyList<AdminToken>> ListAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<AdminToken>>(async context =>
            (await context.AdminTokens.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(ToToken).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray(),
            cancellationToken);

    /// <summary>True once any token exists (revoked ones count): the controller's first start creates a bootstrap token when none does.</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(context => context.AdminTokens.AnyAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// S-7: the token stops authenticating at once, here and in every remembered answer. Revoking a revoked token
    /// changes nothing and answers it as it is.
    /// </summary>
    public async Task<AdminToken> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var revoked = await _database.CommandAsync("token revoke", async context =>
        {
            var record = await context.AdminTokens.FindAsync([name], cancellationToken).ConfigureAwait(false)
                ?? throw new DomainException(new DomainError(AdminTokenNames.Rule, "name", $"no token is named '{name}'; 'token list' shows them", ErrorKind.NotFound));
            if (record.RevokedAt is null)
            {
                record.RevokedAt = _database.Time.GetUtcNow();
                _database.Logger.TokenRevoked(name);
            }

            return ToToken(record);
        }, cancellationToken).ConfigureAwait(false);
        Forget();
        return revoked;
    }

    /// <summary>
    /// S-6: who <paramref name="presented"/> authenticates, or why it does not. A text that is not an admin token is
    /// unknown without reading the store.
    /// </summary>
    public async Task<TokenVerification> VerifyAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxPresentedLength || !presented.StartsWith(SecretToken.AdminPrefix, StringComparison.Ordinal))
        {
            return TokenVerification.Refused(TokenRefusal.Unknown);
        }

        var hash = SecretToken.Hash(presented);
        var now = _database.Time.GetUtcNow();
        long generation;
        lock (_gate)
        {
            if (_cache.TryGetValue(hash, out var cached) && cached.Until > now)
            {
                return TokenVerification.Accepted(cached.Identity);
            }

            generation = _generation;
        }

        var record = await _database.ReadAsync(
            context => context.AdminTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return TokenVerification.Refused(TokenRefusal.Unknown);
        }

        var token = ToToken(record);
        switch (token.StateAt(now))
        {
            case AdminTokenState.Revoked:
                return TokenVerification.Refused(TokenRefusal.Revoked);
            case AdminTokenState.Expired:
                return TokenVerification.Refused(TokenRefusal.Expired);
        }

        var identity = new TokenIdentity(token.Name, token.Role);
        var until = now + _cacheDuration;
        if (token.ExpiresAt is { } expires && expires < until)
        {
            until = expires;
        }

        lock (_gate)
        {
            // A revocation that committed while the store was read bumped the generation: this answer is not kept.
            if (generation == _generation && _cacheDuration > TimeSpan.Zero)
            {
                if (_cache.Count >= MaxCacheEntries)
                {
                    foreach (var stale in _cache.Where(e => e.Value.Until <= now).Select(e => e.Key).ToArray())
                    {
                        _cache.Remove(stale);
                    }
                }

                if (_cache.Count < MaxCacheEntries)
                {
                    _cache[hash] = new CachedIdentity(identity, until);
                }
            }
        }

        return TokenVerification.Accepted(identity);
    }

    private void Forget()
    {
        lock (_gate)
        {
            _generation++;
            _cache.Clear();
        }
    }

    private static AdminToken ToToken(AdminTokenRecord record) =>
        new(record.Name,
            AdminRoles.TryParse(record.Role, out var role) ? role.Value : throw new InvalidDataException($"admin token '{record.Name}' has the unknown role '{record.Role}'"),
            record.CreatedAt, record.CreatedBy, record.ExpiresAt, record.RevokedAt);

    private sealed record CachedIdentity(TokenIdentity Identity, DateTimeOffset Until);
}
