using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Enrollment;
using DistributedCloud.Controller.Core.Identity;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Security.Pki;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistributedCloud.Controller.Core.Agents;

/// <summary>
/// Mutual TLS from the controller to its agents (S-3, S-4): the controller presents its own certificate
/// (<c>dc://controller/&lt;id&gt;</c>, <see cref="ControllerPki"/>) and accepts an agent only when its certificate chains
/// to the controller's trust bundle (within the clock skew, S-8b), names <c>dc://subcloud/&lt;the subcloud dialled&gt;</c>
/// (the controller dials by address, so host names play no part) and carries a serial the enrollment accepts for that
/// subcloud now (a revocation counts at the next handshake; the channel is dropped at once). In development mode a
/// loopback agent is dialled in plaintext, as before enrollment existed (S-4).
/// </summary>
public sealed class AgentTls
{
    private readonly ControllerPki _pki;
    private readonly SubcloudEnrollment _enrollment;
    private readonly bool _developmentMode;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _refusals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _presented = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _foreign = new(StringComparer.Ordinal);
    private SslStreamCertificateContext? _client;
    private X509Certificate2? _clientCertificate;

    public AgentTls(ControllerPki pki, SubcloudEnrollment enrollment, bool developmentMode, TimeSpan clockSkew, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(enrollment);
        _pki = pki;
        _enrollment = enrollment;
        _developmentMode = developmentMode;
        ClockSkew = clockSkew;
        _logger = logger ?? NullLogger.Instance;
    }

    public TimeSpan ClockSkew { get; }

    public SubcloudEnrollment Enrollment => _enrollment;

    public ControllerPki Pki => _pki;

    /// <summary>True when the subcloud's agent is dialled over TLS: always, but for a loopback agent in development mode.</summary>
    public bool Secures(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        return !(_developmentMode && IPAddress.IsLoopback(subcloud.Agent.Address));
    }

    /// <summary>Why the subcloud's agent cannot be called over mutual TLS now (the way out included); null when it can.</summary>
    public string? Unready(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        if (!Secures(subcloud))
        {
            return null;
        }

        if (!_enrollment.IsLoaded)
        {
            return "the controller is starting (its subclouds' credentials are not read yet); retry shortly";
        }

        return _enrollment.Find(subcloud.Name) is { } credential
            ? credential.Unusable(_enrollment.Time.GetUtcNow(), ClockSkew)
            : $"waiting for enrollment (S-2): subcloud '{subcloud.Name}' has no join token and no certificate (added before enrollment existed?); "
              + $"make a token with 'dcctl subcloud enroll {subcloud.Name}' and start its agent with --join-token and --ca-fingerprint";
    }

    /// <summary>The kept channel's TLS: the controller's certificate, and the agent judged by <see cref="Validate"/>.</summary>
    public SslClientAuthenticationOptions ForSubcloud(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        var name = subcloud.Name;
        var agent = subcloud.Agent.ToString();
        return Options((_, certificate, _, _) => Validate(name, agent, certificate));
    }

    /// <summary>
    /// The one-off enrollment channel's TLS: the controller's certificate (the agent checks it against its pinned CA
    /// fingerprint), and any server certificate (an agent waiting for enrollment serves a temporary self-signed one). No
    /// secret crosses it: the agent's request is bound to its join token by its proof, and what the controller sends
    /// (its CA, a certificate, the trust bundle) is public.
    /// </summary>
    public SslClientAuthenticationOptions ForEnrollment() => Options((_, _, _, _) => true);

    /// <summary>The last refusal of the subcloud's agent certificate, while it lasts (cleared by an accepted handshake).</summary>
    public string? LastRefusal(string subcloud) => _refusals.TryGetValue(subcloud, out var problem) ? problem : null;

    /// <summary>The serial of the certificate the subcloud's agent presented at the last accepted handshake.</summary>
    public string? PresentedSerial(string subcloud) => _presented.TryGetValue(subcloud, out var serial) ? serial : null;

    /// <summary>
    /// True when the agent last presented a certificate that is not of the controller's CA at all: an agent waiting for
    /// enrollment (restarted with a new join token) serves a self-signed one.
    /// </summary>
    public bool PresentsForeignCertificate(string subcloud) => _foreign.TryGetValue(subcloud, out var foreign) && foreign;

    /// <summary>Forgets what the last handshakes said (after an enrollment).</summary>
    public void Reset(string subcloud)
    {
        _refusals.TryRemove(subcloud, out _);
        _foreign.TryRemove(subcloud, out _);
        _presented.TryRemove(subcloud, out _);
    }

    /// <summary>Judges the certificate the agent dialled for <paramref name="subcloud"/> presented; a refusal is remembered and logged once per reason.</summary>
    public bool Validate(string subcloud, string agent, X509Certificate? presented)
    {
        var accepted = Judge(subcloud, presented, out var problem, out var serial, out var foreign);
        _foreign[subcloud] = foreign;
        if (accepted)
        {
            _refusals.TryRemove(subcloud, out _);
            _presented[subcloud] = serial!;
            return true;
        }

        if (!_refusals.TryGetValue(subcloud, out var last) || last != problem)
        {
            _logger.AgentCertificateRefused(subcloud, agent, problem);
        }

        _refusals[subcloud] = problem;
        return false;
    }

    /// <summary>The rules of <see cref="Validate"/> without the bookkeeping (S-3, S-4).</summary>
    public bool Judge(string subcloud, X509Certificate? presented, out string problem, out string? serial, out bool foreign)
    {
        serial = null;
        foreign = false;
        if (presented is null)
        {
            problem = "the agent presented no certificate";
            return false;
        }

        var certificate = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        try
        {
            if (!_pki.Trust.Validates(certificate, _enrollment.Time.GetUtcNow(), ClockSkew, out var untrusted))
            {
                foreign = !untrusted.StartsWith("the certificate expired", StringComparison.Ordinal) && !untrusted.StartsWith("the certificate is not valid before", StringComparison.Ordinal);
                problem = $"{untrusted} (S-4); an agent waiting for enrollment serves a temporary certificate until the controller enrolls it";
                return false;
            }

            var identity = PeerIdentity.Of(certificate);
            var expected = PeerIdentity.Subcloud(subcloud);
            if (identity != expected)
            {
                problem = $"it names {identity?.ToString() ?? "no dc:// identity"}, not {expected}: the address of subcloud '{subcloud}' is served by another agent (S-3)";
                return false;
            }

            if (!_enrollment.Accepts(subcloud, certificate.SerialNumber))
            {
                problem = $"certificate {certificate.SerialNumber} of subcloud '{subcloud}' is not one the controller accepts now (revoked or replaced, S-3); "
                    + $"enroll the subcloud again: 'dcctl subcloud enroll {subcloud}'";
                return false;
            }

            serial = certificate.SerialNumber;
            problem = string.Empty;
            return true;
        }
        finally
        {
            if (!ReferenceEquals(certificate, presented))
            {
                certificate.Dispose();
            }
        }
    }

    private SslClientAuthenticationOptions Options(RemoteCertificateValidationCallback validate) => new()
    {
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateContext = ClientCertificate(),
        RemoteCertificateValidationCallback = validate,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };

    private SslStreamCertificateContext ClientCertificate()
    {
        var certificate = _pki.Certificate;
        if (_client is { } cached && ReferenceEquals(_clientCertificate, certificate))
        {
            return cached;
        }

        var context = SslStreamCertificateContext.Create(certificate, [_pki.Authority.Certificate], offline: true);
        _clientCertificate = certificate;
        _client = context;
        return context;
    }
}
