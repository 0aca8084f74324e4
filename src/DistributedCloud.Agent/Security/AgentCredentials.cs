using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using DistributedCloud.Agent.Configuration;
using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;
using DistributedCloud.Security.Tokens;
using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Site.Hosting.Security;
using DistributedCloud.Site.Hosting.Sites;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Security;

/// <summary>How an agent is reached (S-2, S-5a).</summary>
public enum AgentAccessMode
{
    /// <summary>No controller: a self-signed certificate and its own admin tokens (S-5a).</summary>
    Standalone,

    /// <summary>Started with a join token: waits for its controller to enroll it (S-2).</summary>
    Enrolling,

    /// <summary>Holds a certificate of its controller's CA: mutual TLS only (S-3, S-4).</summary>
    Enrolled,
}

/// <summary>
/// The agent's identity material in <c>DIR/pki/</c> and <c>DIR/access/</c>, decided at start and changed by enrollment:
/// <list type="bullet">
/// <item>enrolled when it holds <c>agent.crt</c>, <c>agent.key</c> and <c>trust.pem</c> (its subcloud is the
/// certificate's <c>dc://subcloud/NAME</c>); an expired certificate and no new join token refuse the start (the agent
/// must be re-enrolled);</item>
/// <item>enrolling when started with a join token (and the CA fingerprint) it has not enrolled with yet: a temporary
/// self-signed certificate until a controller of the pinned CA enrolls it (<see cref="RequestCertificate"/>,
/// <see cref="InstallCertificate"/>; the key is made here and never leaves);</item>
/// <item>standalone otherwise (S-5a).</item>
/// </list>
/// Sets what the TLS listeners present (<see cref="ServerCredentials"/>).
/// </summary>
public sealed class AgentCredentials
{
    public const string PkiDirectory = "pki";
    public const string AccessDirectory = "access";
    public const string CertificateFile = "agent.crt";
    public const string KeyFile = "agent.key";
    public const string TrustFile = "trust.pem";
    public const string EnrollmentFile = "enrollment.json";
    public static readonly TimeSpan StandaloneLifetime = TimeSpan.FromDays(3650);
    public static readonly TimeSpan TemporaryLifetime = TimeSpan.FromDays(30);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly ServerCredentials _server;
    private readonly StandaloneTokens _tokens;
    private readonly TimeProvider _time;
    private readonly TimeSpan _skew;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private string _pki = string.Empty;
    private string? _pinned;
    private JoinToken? _token;
    private Pending? _pending;
    private EnrollmentRecord? _record;

    public AgentCredentials(ServerCredentials server, StandaloneTokens tokens, TimeProvider time, IOptions<SecurityOptions> security, ILogger<AgentCredentials>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(security);
        _server = server;
        _tokens = tokens;
        _time = time;
        _skew = security.Value.ClockSkew;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public AgentAccessMode Mode { get; private set; }

    /// <summary>The subcloud this agent is (enrolled), or null.</summary>
    public string? Subcloud { get; private set; }

    /// <summary>The certificate authorities this agent trusts (enrolled): its controllers' (S-4).</summary>
    public TrustBundle? Trust { get; private set; }

    /// <summary>The agent's certificate, with its key (enrolled).</summary>
    public X509Certificate2? Certificate { get; private set; }

    public TimeSpan ClockSkew => _skew;

    public TimeProvider Time => _time;

    /// <summary>The dcctl configuration written for a standalone agent's bootstrap administrator, when this start wrote it.</summary>
    public string? WroteConfig { get; private set; }

    /// <summary>Opens the credentials of <paramref name="dataDirectory"/> for the options' listeners; a refusal is a <see cref="SiteStartException"/>.</summary>
    public void Open(string dataDirectory, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pki = Path.Combine(dataDirectory, PkiDirectory);
        var access = Path.Combine(dataDirectory, AccessDirectory);
        KeyFiles.EnsureDirectory(_pki);
        KeyFiles.EnsureDirectory(access);
        var listen = options.ListenUrls.Select(u => ListenAddress.TryParse(u, out var a, out _) ? a : null).OfType<ListenAddress>().ToArray();
        JoinToken.TryParse(options.JoinToken, out var token);
        CertificateFingerprint.TryNormalize(options.CaFingerprint, out var fingerprint);
        var certificatePath = Path.Combine(_pki, CertificateFile);
        var keyPath = Path.Combine(_pki, KeyFile);
        var trustPath = Path.Combine(_pki, TrustFile);
        if (File.Exists(certificatePath) && File.Exists(keyPath) && File.Exists(trustPath))
        {
            var (certificate, trust, subcloud) = LoadEnrolled(certificatePath, keyPath, trustPath);
            _record = ReadRecord();
            if (token is not null && token.Id != _record?.JoinTokenId)
            {
                // A join token it has not enrolled with: the operator re-enrolls it (a revoked or moved subcloud).
                _logger.EnrollingAgain(token.Id, subcloud);
                OpenEnrolling(listen, token, fingerprint);
                return;
            }

            if (_time.GetUtcNow() - _skew > certificate.NotAfter.ToUniversalTime())
            {
                throw new SiteStartException(
                    $"the certificate of subcloud '{subcloud}' in '{_pki}' expired at {certificate.NotAfter.ToUniversalTime():u} (beyond the allowed clock skew of {_skew.TotalMinutes:0.#} min) and the agent "
                    + $"must be re-enrolled: run 'dcctl subcloud enroll {subcloud}' on the controller, then restart this agent with --join-token TOKEN --ca-fingerprint FINGERPRINT as it prints them (S-3; docs/security.md).");
            }

            Enrolled(certificate, trust, subcloud);
            _logger.EnrolledStart(subcloud, certificate.SerialNumber, certificate.NotAfter.ToUniversalTime(), string.Join(", ", trust.Fingerprints));
            return;
        }

        if (token is not null)
        {
            OpenEnrolling(listen, token, fingerprint);
            return;
        }

        Mode = AgentAccessMode.Standalone;
        OpenStandalone(_pki, access, listen);
    }

    /// <summary>
    /// S-2 (enrolling) and S-3 (renewal): a new key, kept in memory, and a signing request for it; while enrolling the
    /// caller must present a controller certificate of the pinned CA (<paramref name="caPem"/>), and the answer carries
    /// the join token's id and the proof; when enrolled, the caller must be a controller of the trust bundle.
    /// </summary>
    public CertificateRequestAnswer RequestCertificate(X509Certificate2? caller, string caPem, string subcloud)
    {
        lock (_gate)
        {
            CheckOpen();
            switch (Mode)
            {
                case AgentAccessMode.Enrolling:
                {
                    using var authority = ReadAuthority(caPem);
                    if (!CertificateFingerprint.Matches(authority, _pinned!))
                    {
                        throw Refused(StatusCode.PermissionDenied,
                            $"the controller's CA {CertificateFingerprint.Of(authority)} is not the CA this agent was started with (--ca-fingerprint {_pinned}) (S-2)");
                    }

                    var controller = CheckController(caller, new TrustBundle([authority]));
                    if (string.IsNullOrWhiteSpace(subcloud) || subcloud.Length > 253 || subcloud.Any(char.IsWhiteSpace))
                    {
                        throw Refused(StatusCode.InvalidArgument, $"'{subcloud}' is not a subcloud name");
                    }

                    var (key, request) = SelfSignedCertificate.NewSigningRequest();
                    Replace(new Pending(key, subcloud, X509CertificateLoader.LoadCertificate(authority.RawData), controller));
                    return new CertificateRequestAnswer(request, _token!.Id, _token.Prove(request));
                }

                case AgentAccessMode.Enrolled:
                {
                    var controller = CheckController(caller, Trust!);
                    if (!string.Equals(subcloud, Subcloud, StringComparison.Ordinal))
                    {
                        throw Refused(StatusCode.FailedPrecondition, $"this agent is subcloud '{Subcloud}', not '{subcloud}' (S-3)");
                    }

                    var (key, request) = SelfSignedCertificate.NewSigningRequest();
                    Replace(new Pending(key, Subcloud!, null, controller));
                    return new CertificateRequestAnswer(request, string.Empty, string.Empty);
                }

                default:
                    throw Refused(StatusCode.FailedPrecondition,
                        "this agent is standalone: it was not started with --join-token and --ca-fingerprint (S-2); restart it with the values 'dcctl subcloud add' or 'dcctl subcloud enroll' printed");
            }
        }
    }

    /// <summary>
    /// Installs the certificate signed for the pending request with the trust bundle: it must be for the pending key,
    /// name <c>dc://subcloud/&lt;the name asked&gt;</c>, chain to the bundle, and the bundle must hold the pinned CA
    /// (enrolling) or one the agent trusts already (renewal). The files are written (owner-only), the listeners present
    /// the new certificate from the next connection on, and the agent takes certificates only from now on.
    /// </summary>
    public CertificateInstallAnswer InstallCertificate(X509Certificate2? caller, string certificatePem, string trustBundlePem)
    {
        lock (_gate)
        {
            CheckOpen();
            if (Mode == AgentAccessMode.Standalone)
            {
                throw Refused(StatusCode.FailedPrecondition, "this agent is standalone: it was not started with --join-token and --ca-fingerprint (S-2)");
            }

            var controller = Mode == AgentAccessMode.Enrolled
                ? CheckController(caller, Trust!)
                : _pending?.Authority is { } authority ? CheckController(caller, new TrustBundle([authority])) : null;
            X509Certificate2 certificate;
            try
            {
                certificate = X509Certificate2.CreateFromPem(certificatePem);
            }
            catch (CryptographicException bad)
            {
                throw Refused(StatusCode.InvalidArgument, $"certificate_pem is not a PEM certificate ({bad.Message})");
            }

            using (certificate)
            {
                if (_pending is null)
                {
                    if (Mode == AgentAccessMode.Enrolled && Certificate is { } current && current.RawData.AsSpan().SequenceEqual(certificate.RawData))
                    {
                        // The controller did not see the answer of an install that happened: the same answer again.
                        return new CertificateInstallAnswer(CertificateFingerprint.Of(current), current.NotAfter.ToUniversalTime());
                    }

                    throw Refused(StatusCode.FailedPrecondition, "no certificate request is pending (the agent restarted since it was made?); the controller asks for a new one");
                }

                var bundle = ReadBundle(trustBundlePem);
                CheckIssued(certificate, bundle, _pending);
                using var withKey = certificate.CopyWithPrivateKey(_pending.Key);
                // Re-imported so the TLS stack can use the key on every platform.
                var installed = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
                var renewal = Mode == AgentAccessMode.Enrolled;
                Write(installed, bundle, _pending, renewal);
                Enrolled(installed, bundle, _pending.Subcloud);
                var who = controller ?? _pending.Controller;
                if (renewal)
                {
                    _logger.Renewed(_pending.Subcloud, who, installed.SerialNumber, installed.NotAfter.ToUniversalTime());
                }
                else
                {
                    _logger.Enrolled(_pending.Subcloud, who, installed.SerialNumber, installed.NotAfter.ToUniversalTime());
                }

                Replace(null);
                return new CertificateInstallAnswer(CertificateFingerprint.Of(installed), installed.NotAfter.ToUniversalTime());
            }
        }
    }

    /// <summary>
    /// The caller of an enrollment call: a TLS client certificate that chains to <paramref name="trust"/> (clock skew
    /// allowed) and names <c>dc://controller/&lt;id&gt;</c>. Returns its identity; refuses PERMISSION_DENIED otherwise.
    /// </summary>
    private string CheckController(X509Certificate2? caller, TrustBundle trust)
    {
        if (caller is null)
        {
            throw Refused(StatusCode.PermissionDenied, "the caller presented no TLS client certificate; only a controller this agent trusts may enroll it (S-2, S-4)");
        }

        if (!trust.Validates(caller, _time.GetUtcNow(), _skew, out var problem))
        {
            throw Refused(StatusCode.PermissionDenied, $"the caller's certificate is refused: {problem}; only a controller this agent trusts may enroll it (S-2, S-4)");
        }

        var identity = PeerIdentity.Of(caller);
        if (identity is not { Kind: PeerKind.Controller })
        {
            throw Refused(StatusCode.PermissionDenied, $"the caller's certificate names {identity?.ToString() ?? "no dc:// identity"}; only a controller (dc://controller/ID) may enroll this agent (S-2, S-4)");
        }

        return identity.ToString();
    }

    private void CheckIssued(X509Certificate2 certificate, TrustBundle bundle, Pending pending)
    {
        using var key = certificate.GetECDsaPublicKey();
        if (key is null || !key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(pending.Key.ExportSubjectPublicKeyInfo()))
        {
            throw Refused(StatusCode.FailedPrecondition, "the certificate is not for the key of the pending request; the controller asks for a new request");
        }

        var expected = PeerIdentity.Subcloud(pending.Subcloud);
        if (PeerIdentity.Of(certificate) is var named && named != expected)
        {
            throw Refused(StatusCode.FailedPrecondition, $"the certificate names {named?.ToString() ?? "no dc:// identity"}, not {expected} (S-3)");
        }

        if (!bundle.Validates(certificate, _time.GetUtcNow(), _skew, out var problem))
        {
            throw Refused(StatusCode.FailedPrecondition, $"the certificate does not chain to the trust bundle sent with it: {problem}");
        }

        if (Mode == AgentAccessMode.Enrolling && !bundle.Contains(_pinned!))
        {
            throw Refused(StatusCode.FailedPrecondition, $"the trust bundle does not hold the CA this agent was started with ({_pinned}) (S-2)");
        }

        if (Mode == AgentAccessMode.Enrolled && !Trust!.Fingerprints.Any(bundle.Contains))
        {
            throw Refused(StatusCode.FailedPrecondition, "the new trust bundle holds none of the CAs this agent trusts now; a renewal keeps at least one (S-4)");
        }
    }

    private void OpenEnrolling(IReadOnlyList<ListenAddress> listen, JoinToken token, string fingerprint)
    {
        _token = token;
        _pinned = fingerprint;
        var temporary = SelfSignedCertificate.Create("DistributedCloud agent waiting for enrollment", Addresses(listen), ["localhost"], TemporaryLifetime, _time);
        _server.Use(temporary);
        _tokens.Disable("this agent is waiting for enrollment by its controller (S-2) and takes no tokens; it is reached through its controller once enrolled");
        Mode = AgentAccessMode.Enrolling;
        _logger.WaitingForEnrollment(fingerprint, token.Id);
    }

    private void Enrolled(X509Certificate2 certificate, TrustBundle trust, string subcloud)
    {
        _server.Use(certificate, trust.Authorities);
        _tokens.Disable();
        Certificate = certificate;
        Trust = trust;
        Subcloud = subcloud;
        Mode = AgentAccessMode.Enrolled;
    }

    private (X509Certificate2 Certificate, TrustBundle Trust, string Subcloud) LoadEnrolled(string certificatePath, string keyPath, string trustPath)
    {
        X509Certificate2 certificate;
        TrustBundle trust;
        try
        {
            using var loaded = KeyFiles.LoadCertificateWithKey(certificatePath, keyPath);
            certificate = X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
            trust = TrustBundle.FromPem(File.ReadAllText(trustPath));
        }
        catch (CryptographicException bad)
        {
            throw new SiteStartException(
                $"the agent's certificate, key or trust bundle in '{_pki}' cannot be read ({bad.Message}); re-enroll it: run 'dcctl subcloud enroll NAME' on the controller, "
                + "move agent.crt, agent.key and trust.pem away, and restart this agent with --join-token TOKEN --ca-fingerprint FINGERPRINT (docs/security.md).", bad);
        }

        if (PeerIdentity.Of(certificate) is not { Kind: PeerKind.Subcloud } identity)
        {
            throw new SiteStartException($"the certificate '{certificatePath}' names no subcloud (dc://subcloud/NAME); it is not an agent certificate of a controller: move it away and enroll the agent (docs/security.md).");
        }

        if (trust.Authorities.Count == 0)
        {
            throw new SiteStartException($"the trust bundle '{trustPath}' holds no certificate authority; re-enroll the agent (docs/security.md).");
        }

        return (certificate, trust, identity.Name);
    }

    private void Write(X509Certificate2 certificate, TrustBundle bundle, Pending pending, bool renewal)
    {
        // The bundle first (the new one trusts at least what the old did), then the key and the certificate.
        KeyFiles.WriteSecret(Path.Combine(_pki, TrustFile), bundle.ToPem());
        KeyFiles.WriteCertificateWithKey(certificate, Path.Combine(_pki, CertificateFile), Path.Combine(_pki, KeyFile));
        var now = _time.GetUtcNow();
        _record = new EnrollmentRecord(
            pending.Subcloud,
            renewal ? _record?.JoinTokenId : _token?.Id,
            pending.Controller,
            renewal ? _record?.EnrolledAt ?? now : now,
            renewal ? now : null);
        KeyFiles.WriteSecret(Path.Combine(_pki, EnrollmentFile), JsonSerializer.Serialize(_record, Json));
    }

    private EnrollmentRecord? ReadRecord()
    {
        var path = Path.Combine(_pki, EnrollmentFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<EnrollmentRecord>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Replace(Pending? pending)
    {
        _pending?.Dispose();
        _pending = pending;
    }

    private static X509Certificate2 ReadAuthority(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException bad)
        {
            throw Refused(StatusCode.InvalidArgument, $"ca_certificate_pem is not a PEM certificate ({bad.Message})");
        }
    }

    private static TrustBundle ReadBundle(string pem)
    {
        TrustBundle bundle;
        try
        {
            bundle = TrustBundle.FromPem(pem);
        }
        catch (CryptographicException bad)
        {
            throw Refused(StatusCode.InvalidArgument, $"trust_bundle_pem is not PEM certificates ({bad.Message})");
        }

        return bundle.Authorities.Count == 0 ? throw Refused(StatusCode.InvalidArgument, "trust_bundle_pem holds no certificate") : bundle;
    }

    private static RpcException Refused(StatusCode code, string message) => new(new Status(code, message));

    private void CheckOpen()
    {
        if (_pki.Length == 0)
        {
            throw Refused(StatusCode.Unavailable, "the agent is starting; retry shortly");
        }
    }

    private static IPAddress[] Addresses(IEnumerable<ListenAddress> listen) =>
        listen.Select(l => l.EndPoint.Address).Append(IPAddress.Loopback).Append(IPAddress.IPv6Loopback)
            .Where(a => !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any)).Distinct().ToArray();

    private void OpenStandalone(string pki, string access, IReadOnlyList<ListenAddress> listen)
    {
        var certificatePath = Path.Combine(pki, "standalone.crt");
        var keyPath = Path.Combine(pki, "standalone.key");
        var addresses = Addresses(listen);
        X509Certificate2? certificate = null;
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            try
            {
                certificate = KeyFiles.LoadCertificateWithKey(certificatePath, keyPath);
                var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateIPAddresses()).ToHashSet();
                if (!addresses.All(sans.Contains) || certificate.NotAfter.ToUniversalTime() < _time.GetUtcNow().UtcDateTime)
                {
                    certificate.Dispose();
                    certificate = null;
                }
            }
            catch (CryptographicException)
            {
                certificate = null;
            }
        }

        var renewed = certificate is null;
        certificate ??= SelfSignedCertificate.Create("DistributedCloud standalone agent", addresses, ["localhost"], StandaloneLifetime, _time);
        if (renewed)
        {
            KeyFiles.WriteCertificateWithKey(certificate, certificatePath, keyPath);
        }

        _server.Use(certificate);
        _tokens.Load(access);
        if (!_tokens.Any)
        {
            var token = _tokens.Create(access, "bootstrap-admin", AdminRole.Admin, _time.GetUtcNow());
            KeyFiles.WriteSecret(Path.Combine(access, "admin-token"), token + "\n");
            WriteConfig(access, certificate, token, listen);
        }
        else if (renewed && File.Exists(Path.Combine(access, "admin-token")))
        {
            // The certificate changed (new listen addresses): the written configuration must pin the new one.
            WriteConfig(access, certificate, File.ReadAllText(Path.Combine(access, "admin-token")).Trim(), listen);
        }
    }

    private void WriteConfig(string access, X509Certificate2 certificate, string token, IReadOnlyList<ListenAddress> listen)
    {
        var url = listen.FirstOrDefault(l => l.Tls) is { } tls ? tls.DialUrl() : listen.Count > 0 ? listen[0].DialUrl() : null;
        var config = new DcctlConfig { Agent = url, CaCertificate = certificate.ExportCertificatePem(), Token = token };
        var path = Path.Combine(access, "dcctl.yaml");
        KeyFiles.WriteSecret(path, config.ToYaml("dcctl configuration of this standalone agent's bootstrap administrator (S-5a).\nKeep it like a password: dcctl --config FILE, DCCTL_CONFIG=FILE, or ~/.config/dcctl/config.yaml."));
        WroteConfig = path;
    }

    /// <summary>The request pending installation: its key (never written before the certificate comes), the subcloud asked, the CA that asked.</summary>
    private sealed record Pending(ECDsa Key, string Subcloud, X509Certificate2? Authority, string Controller) : IDisposable
    {
        public void Dispose()
        {
            Key.Dispose();
            Authority?.Dispose();
        }
    }

    /// <summary><c>DIR/pki/enrollment.json</c>: what the agent enrolled as, with which token (so a restart with the same token does not enroll again).</summary>
    private sealed record EnrollmentRecord(
        [property: JsonPropertyName("subcloud")] string Subcloud,
        [property: JsonPropertyName("join_token_id")] string? JoinTokenId,
        [property: JsonPropertyName("controller")] string Controller,
        [property: JsonPropertyName("enrolled_at")] DateTimeOffset EnrolledAt,
        [property: JsonPropertyName("renewed_at")] DateTimeOffset? RenewedAt);
}

/// <summary>What RequestCertificate answers: the DER request, and while enrolling the token's id and the proof.</summary>
public sealed record CertificateRequestAnswer(byte[] SigningRequest, string JoinTokenId, string Proof);

/// <summary>What InstallCertificate answers: the installed certificate's fingerprint and end.</summary>
public sealed record CertificateInstallAnswer(string Fingerprint, DateTime NotAfter);
