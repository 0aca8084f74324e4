using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Identity;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Persistence.Records;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;
using DistributedCloud.Security.Tokens;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Controller.Core.Enrollment;

/// <summary>
/// The enrollment of subclouds' agents (S-2, S-3) on the controller's store: a join token made with each subcloud (and
/// on <c>enroll</c>), a certificate issued from the agent's signing request once the token and its proof check out,
/// renewal, revocation (also when the subcloud is deleted). Each command is one transaction; a refused issue records
/// nothing (the refusal goes to the access audit and the log only). The serials the TLS check accepts are kept in
/// memory, loaded when the store opens and replaced after each command.
/// </summary>
public sealed class SubcloudEnrollment
{
    /// <summary>The longest a join token may live (S-2: tokens are short-lived).</summary>
    public static readonly TimeSpan MaximumTokenLifetime = TimeSpan.FromDays(30);

    private const string EnrollMethod = "/distributedcloud.agent.v1.AgentEnrollment/RequestCertificate";

    private readonly ControllerDatabase _database;
    private readonly SubcloudRegistry _registry;
    private readonly ControllerPki _pki;
    private readonly SubcloudRegistryOptions _options;
    private readonly IAccessAudit? _audit;
    private readonly ConcurrentDictionary<string, SubcloudCredential> _credentials = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, string> _lastRefusal = new(StringComparer.Ordinal);

    public SubcloudEnrollment(ControllerDatabase database, SubcloudRegistry registry, ControllerPki pki, SubcloudRegistryOptions? options = null, IAccessAudit? audit = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(pki);
        _database = database;
        _registry = registry;
        _pki = pki;
        _options = options ?? new SubcloudRegistryOptions();
        _audit = audit;
    }

    public TimeProvider Time => _database.Time;

    public ControllerPki Pki => _pki;

    /// <summary>Completes once <see cref="LoadAsync"/> read the store: the TLS checks and enrollments wait for it.</summary>
    public Task WhenLoaded => _loaded.Task;

    public bool IsLoaded => _loaded.Task.IsCompletedSuccessfully;

    /// <summary>Reads every subcloud's credentials (at the start, once the store is open).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var all = await _database.ReadAsync(async context =>
            await context.SubcloudCredentials.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        _credentials.Clear();
        foreach (var record in all)
        {
            _credentials[record.Subcloud] = ToDomain(record);
        }

        _loaded.TrySetResult();
    }

    /// <summary>The subcloud's credentials as last committed; null when it has none (added before enrollment existed, or unknown).</summary>
    public SubcloudCredential? Find(string subcloud) => _credentials.TryGetValue(subcloud, out var credential) ? credential : null;

    /// <summary>True when <paramref name="serial"/> is a certificate the controller accepts for <paramref name="subcloud"/> now.</summary>
    public bool Accepts(string subcloud, string serial) =>
        Find(subcloud) is { } credential && credential.AcceptedSerials.Contains(serial, StringComparer.OrdinalIgnoreCase);

    /// <summary>D-2 and S-2: the subcloud is added and its first join token made in one transaction.</summary>
    public async Task<(Subcloud Subcloud, JoinTokenGrant Grant)> AddSubcloudAsync(SubcloudAddRequest request, TimeSpan? tokenLifetime = null, CancellationToken cancellationToken = default)
    {
        var lifetime = CheckLifetime(tokenLifetime);
        var (subcloud, grant, credential) = await _database.CommandAsync("subcloud add", async context =>
        {
            var added = await _registry.AddInAsync(context, request, cancellationToken).ConfigureAwait(false);
            // A row left by a subcloud of the same name deleted outside this class is cleared: a new subcloud starts afresh.
            var record = await FindOrAddAsync(context, added.Name, cancellationToken).ConfigureAwait(false);
            var version = record.Version;
            context.Entry(record).CurrentValues.SetValues(new SubcloudCredentialRecord { Subcloud = added.Name, Version = version });
            var grant = NewToken(record, lifetime);
            return (added, grant, ToDomain(record));
        }, cancellationToken).ConfigureAwait(false);
        Remember(credential);
        return (subcloud, grant);
    }

    /// <summary>
    /// S-2 <c>dcctl subcloud enroll NAME</c>: a new join token replaces any earlier one. The certificate the agent holds
    /// stays accepted until the agent enrolls with the new token (a restart with <c>--join-token</c>), so a healthy
    /// subcloud is not cut off by the command.
    /// </summary>
    public async Task<(Subcloud Subcloud, JoinTokenGrant Grant)> NewTokenAsync(string name, TimeSpan? tokenLifetime = null, CancellationToken cancellationToken = default)
    {
        var lifetime = CheckLifetime(tokenLifetime);
        var (subcloud, grant, credential) = await _database.CommandAsync("subcloud enroll", async context =>
        {
            var subcloud = RecordMapping.ToSubcloud(await SubcloudRegistry.FindAsync(context, name, cancellationToken).ConfigureAwait(false));
            var record = await FindOrAddAsync(context, subcloud.Name, cancellationToken).ConfigureAwait(false);
            var grant = NewToken(record, lifetime);
            return (subcloud, grant, ToDomain(record));
        }, cancellationToken).ConfigureAwait(false);
        Remember(credential);
        return (subcloud, grant);
    }

    /// <summary>
    /// S-2: signs the agent's request when the join token it was started with is this subcloud's current one, unused,
    /// unexpired and unrevoked, the proof is the HMAC of the request keyed by that token, and the request's own
    /// signature is valid. Otherwise a <see cref="DomainException"/> (rule S-2) says why, and nothing is issued or
    /// recorded but the refusal (access audit, log).
    /// </summary>
    public async Task<X509Certificate2> IssueAsync(Subcloud subcloud, byte[] signingRequest, string? tokenId, string? proof, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        ArgumentNullException.ThrowIfNull(signingRequest);
        var addresses = AgentAddresses.Of(subcloud);
        try
        {
            var (certificate, credential) = await _database.CommandAsync("subcloud enrollment", async context =>
            {
                var record = await context.SubcloudCredentials.FindAsync([subcloud.Name], cancellationToken).ConfigureAwait(false);
                var now = Time.GetUtcNow();
                await CheckTokenAsync(context, subcloud.Name, record, tokenId, now, cancellationToken).ConfigureAwait(false);
                if (!JoinToken.Verify(record!.JoinTokenHash!, signingRequest, proof))
                {
                    throw Refusal("proof", $"the certificate request's proof does not match join token {tokenId} of subcloud '{subcloud.Name}' "
                        + "(the agent holds another secret under that id; copy the whole token ID.SECRET)");
                }

                CheckSigningRequest(signingRequest);
                var certificate = _pki.Authority.IssueFromSigningRequest(signingRequest, PeerIdentity.Subcloud(subcloud.Name), addresses, _options.CertificateLifetime, CertificateUse.Server);
                record.JoinTokenUsedAt = now;
                Issued(record, certificate, addresses, now, keepPrevious: false);
                record.RevokedAt = null;
                _database.Logger.SubcloudEnrolled(subcloud.Name, record.JoinTokenId!, record.CertificateSerial!, record.CertificateNotAfter!.Value, AgentAddresses.ToText(addresses));
                return (certificate, ToDomain(record));
            }, cancellationToken).ConfigureAwait(false);
            Remember(credential);
            _lastRefusal.TryRemove(subcloud.Name, out _);
            await RecordAsync(subcloud.Name, tokenId, source, AccessOutcome.Done, null, cancellationToken).ConfigureAwait(false);
            return certificate;
        }
        catch (DomainException refused)
        {
            // The audit tries again at each pass: a warning when the reason is new, debug lines while it repeats.
            var reason = refused.Errors[0].Message;
            if (_lastRefusal.TryGetValue(subcloud.Name, out var last) && last == reason)
            {
                _database.Logger.EnrollmentPending(subcloud.Name, reason);
            }
            else
            {
                _database.Logger.EnrollmentRefused(subcloud.Name, reason);
                _lastRefusal[subcloud.Name] = reason;
            }

            await RecordAsync(subcloud.Name, tokenId, source, AccessOutcome.Refused, refused.Errors[0].Message, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// S-3: a new certificate for an enrolled subcloud's request (made over its mutual-TLS channel, so no token). The
    /// certificate it replaces stays accepted until the agent presents the new one.
    /// </summary>
    public async Task<X509Certificate2> RenewAsync(Subcloud subcloud, byte[] signingRequest, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        ArgumentNullException.ThrowIfNull(signingRequest);
        var addresses = AgentAddresses.Of(subcloud);
        var (certificate, credential) = await _database.CommandAsync("subcloud certificate renewal", async context =>
        {
            var record = await context.SubcloudCredentials.FindAsync([subcloud.Name], cancellationToken).ConfigureAwait(false);
            var now = Time.GetUtcNow();
            if (record?.CertificateSerial is null || record.RevokedAt is not null)
            {
                throw Refusal("certificate", $"subcloud '{subcloud.Name}' holds no certificate to renew{(record?.RevokedAt is { } revoked ? $" (revoked at {revoked:u})" : string.Empty)}; it enrolls with a join token", ErrorKind.FailedPrecondition);
            }

            CheckSigningRequest(signingRequest);
            var certificate = _pki.Authority.IssueFromSigningRequest(signingRequest, PeerIdentity.Subcloud(subcloud.Name), addresses, _options.CertificateLifetime, CertificateUse.Server);
            // The certificate the agent presents now stays accepted; one issued but never installed is simply replaced.
            Issued(record, certificate, addresses, now, keepPrevious: true);
            _database.Logger.CertificateRenewed(subcloud.Name, record.CertificateSerial!, record.CertificateNotAfter!.Value, reason);
            return (certificate, ToDomain(record));
        }, cancellationToken).ConfigureAwait(false);
        Remember(credential);
        return certificate;
    }

    /// <summary>The agent answered InstallCertificate for <paramref name="serial"/>.</summary>
    public Task InstalledAsync(string name, string serial, CancellationToken cancellationToken = default) =>
        UpdateAsync("subcloud certificate installed", name, record =>
        {
            if (!string.Equals(record.CertificateSerial, serial, StringComparison.OrdinalIgnoreCase) || record.CertificateInstalledAt is not null)
            {
                return false;
            }

            record.CertificateInstalledAt = Time.GetUtcNow();
            _database.Logger.CertificateInstalled(name, serial);
            return true;
        }, cancellationToken);

    /// <summary>The agent presented its current certificate on a new connection: the one before a renewal is no longer accepted.</summary>
    public Task PresentedAsync(string name, string serial, CancellationToken cancellationToken = default)
    {
        if (Find(name) is not { } known || known.PreviousSerial is null && known.CertificateInstalledAt is not null
            || !string.Equals(known.CertificateSerial, serial, StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        return UpdateAsync("subcloud certificate presented", name, record =>
        {
            if (!string.Equals(record.CertificateSerial, serial, StringComparison.OrdinalIgnoreCase)
                || record.PreviousSerial is null && record.CertificateInstalledAt is not null)
            {
                return false;
            }

            record.CertificateInstalledAt ??= Time.GetUtcNow();
            if (record.PreviousSerial is not null)
            {
                record.PreviousSerial = null;
                _database.Logger.RenewalConfirmed(name, serial);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// S-3 <c>dcctl subcloud revoke NAME</c>: the certificate (and any renewal's previous one) is refused from now on, and
    /// an outstanding join token with it; the agent enrolls again with a token from <c>dcctl subcloud enroll</c>.
    /// </summary>
    public async Task<Subcloud> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        var (subcloud, credential) = await _database.CommandAsync("subcloud revoke", async context =>
        {
            var subcloud = RecordMapping.ToSubcloud(await SubcloudRegistry.FindAsync(context, name, cancellationToken).ConfigureAwait(false));
            var record = await FindOrAddAsync(context, subcloud.Name, cancellationToken).ConfigureAwait(false);
            record.RevokedAt = Time.GetUtcNow();
            record.PreviousSerial = null;
            record.Version++;
            _database.Logger.CertificateRevoked(subcloud.Name);
            return (subcloud, ToDomain(record));
        }, cancellationToken).ConfigureAwait(false);
        Remember(credential);
        return subcloud;
    }

    /// <summary>D-4 and S-3: the subcloud is deleted and its credentials with it (its certificate is refused at once).</summary>
    public async Task DeleteSubcloudAsync(string name, bool force = false, CancellationToken cancellationToken = default)
    {
        await _database.CommandAsync("subcloud delete", async context =>
        {
            await _registry.DeleteInAsync(context, name, force, cancellationToken).ConfigureAwait(false);
            if (await context.SubcloudCredentials.FindAsync([name], cancellationToken).ConfigureAwait(false) is { } record)
            {
                context.SubcloudCredentials.Remove(record);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        _credentials.TryRemove(name, out _);
    }

    /// <summary>The token lifetime asked for, or the default; refused outside (0, 30 days].</summary>
    public TimeSpan CheckLifetime(TimeSpan? asked)
    {
        var lifetime = asked ?? _options.JoinTokenLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > MaximumTokenLifetime)
        {
            throw Refusal("token_expires", $"a join token's lifetime must be above 0 and at most 30 days (default {_options.JoinTokenLifetime.TotalHours:0.##}h); '{lifetime}' is not");
        }

        return lifetime;
    }

    private JoinTokenGrant NewToken(SubcloudCredentialRecord record, TimeSpan lifetime)
    {
        var token = JoinToken.New();
        var now = Time.GetUtcNow();
        record.JoinTokenId = token.Id;
        record.JoinTokenHash = token.SecretHash;
        record.JoinTokenCreatedAt = now;
        record.JoinTokenExpiresAt = now + lifetime;
        record.JoinTokenUsedAt = null;
        record.Version++;
        _database.Logger.JoinTokenMade(record.Subcloud, token.Id, now + lifetime);
        return new JoinTokenGrant(record.Subcloud, token, now + lifetime, _pki.Fingerprint);
    }

    private static async Task CheckTokenAsync(ControllerDbContext context, string subcloud, SubcloudCredentialRecord? record, string? tokenId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tokenId))
        {
            throw Refusal("join_token", $"the agent at subcloud '{subcloud}''s address sent no join token; start it with --join-token and --ca-fingerprint from 'dcctl subcloud enroll {subcloud}'");
        }

        if (record?.JoinTokenId is null || !string.Equals(record.JoinTokenId, tokenId, StringComparison.Ordinal))
        {
            var owner = await context.SubcloudCredentials.AsNoTracking().Where(c => c.JoinTokenId == tokenId).Select(c => c.Subcloud).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            throw Refusal("join_token", owner is not null
                ? $"join token {tokenId} belongs to subcloud '{owner}', not '{subcloud}'; start the agent of '{subcloud}' with its own token ('dcctl subcloud enroll {subcloud}')"
                : $"join token {tokenId} is not subcloud '{subcloud}''s current join token (unknown, or replaced by a newer one); start the agent with the token of 'dcctl subcloud enroll {subcloud}'");
        }

        if (ToDomain(record).TokenProblem(now) is { } problem)
        {
            throw Refusal("join_token", $"{problem}; make a new one with 'dcctl subcloud enroll {subcloud}' and restart the agent with it");
        }
    }

    private static void CheckSigningRequest(byte[] signingRequest)
    {
        try
        {
            // The request's own signature is checked here (proof of possession of its key).
            _ = CertificateRequest.LoadSigningRequest(signingRequest, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (CryptographicException bad)
        {
            throw Refusal("signing_request", $"the agent's certificate request is not a valid signed PKCS#10 request ({bad.Message})");
        }
    }

    private static void Issued(SubcloudCredentialRecord record, X509Certificate2 certificate, IEnumerable<System.Net.IPAddress> addresses, DateTimeOffset now, bool keepPrevious)
    {
        var previous = keepPrevious && record.CertificateInstalledAt is not null ? record.CertificateSerial : record.PreviousSerial;
        record.PreviousSerial = keepPrevious ? previous : null;
        record.CertificateSerial = certificate.SerialNumber;
        record.CertificatePem = certificate.ExportCertificatePem();
        record.CertificateIssuedAt = now;
        record.CertificateNotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        record.CertificateNotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        record.CertificateAddresses = AgentAddresses.ToText(addresses);
        record.CertificateInstalledAt = null;
        record.Version++;
    }

    private async Task UpdateAsync(string command, string name, Func<SubcloudCredentialRecord, bool> change, CancellationToken cancellationToken)
    {
        var credential = await _database.CommandAsync(command, async context =>
        {
            var record = await context.SubcloudCredentials.FindAsync([name], cancellationToken).ConfigureAwait(false);
            if (record is null || !change(record))
            {
                return null;
            }

            record.Version++;
            return ToDomain(record);
        }, cancellationToken).ConfigureAwait(false);
        if (credential is not null)
        {
            Remember(credential);
        }
    }

    private static async Task<SubcloudCredentialRecord> FindOrAddAsync(ControllerDbContext context, string name, CancellationToken cancellationToken)
    {
        var record = await context.SubcloudCredentials.FindAsync([name], cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            record = new SubcloudCredentialRecord { Subcloud = name };
            context.SubcloudCredentials.Add(record);
        }

        return record;
    }

    private void Remember(SubcloudCredential credential) =>
        _credentials.AddOrUpdate(credential.Subcloud, credential, (_, known) => known.Version > credential.Version ? known : credential);

    private async Task RecordAsync(string subcloud, string? tokenId, string source, AccessOutcome outcome, string? reason, CancellationToken cancellationToken)
    {
        if (_audit is null)
        {
            return;
        }

        var identity = $"{PeerIdentity.Subcloud(subcloud)} (join token {(string.IsNullOrWhiteSpace(tokenId) ? "none" : tokenId)})";
        await _audit.RecordAsync(new AccessEvent(Time.GetUtcNow(), identity, null, source, EnrollMethod, subcloud, null, outcome, reason), cancellationToken).ConfigureAwait(false);
    }

    private static DomainException Refusal(string field, string message, ErrorKind kind = ErrorKind.Invalid) =>
        new(new DomainError("S-2", field, message, kind));

    internal static SubcloudCredential ToDomain(SubcloudCredentialRecord record) => new()
    {
        Subcloud = record.Subcloud,
        JoinTokenId = record.JoinTokenId,
        JoinTokenHash = record.JoinTokenHash,
        JoinTokenCreatedAt = record.JoinTokenCreatedAt,
        JoinTokenExpiresAt = record.JoinTokenExpiresAt,
        JoinTokenUsedAt = record.JoinTokenUsedAt,
        CertificateSerial = record.CertificateSerial,
        CertificatePem = record.CertificatePem,
        CertificateIssuedAt = record.CertificateIssuedAt,
        CertificateNotBefore = record.CertificateNotBefore,
        CertificateNotAfter = record.CertificateNotAfter,
        CertificateAddresses = AgentAddresses.Parse(record.CertificateAddresses),
        CertificateInstalledAt = record.CertificateInstalledAt,
        PreviousSerial = record.PreviousSerial,
        RevokedAt = record.RevokedAt,
        Version = record.Version,
    };
}
