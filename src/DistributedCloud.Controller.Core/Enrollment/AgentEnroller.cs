using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Pki;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistributedCloud.Controller.Core.Enrollment;

/// <summary>
/// The controller's side of enrollment and renewal (S-2, S-3), run in the audit's call path before its GetSite:
/// <list type="bullet">
/// <item>a subcloud without a usable certificate and with a live join token (or whose agent, restarted with a new token,
/// serves a temporary certificate) is enrolled: a one-off channel over the primary family (N-35) presenting the
/// controller's certificate, RequestCertificate, the token and proof checked and the certificate issued
/// (<see cref="SubcloudEnrollment.IssueAsync"/>), InstallCertificate with the trust bundle; then the audit uses the
/// kept mutual-TLS channel;</item>
/// <item>an issued certificate whose installation was interrupted is sent again;</item>
/// <item>an enrolled subcloud whose certificate passed two thirds of its life, or whose agent addresses changed, is
/// renewed in the background over its mutual-TLS channel; the old certificate stays accepted until the agent presents
/// the new one, so no audit fails meanwhile.</item>
/// </list>
/// Otherwise the call fails UNAVAILABLE with "waiting for enrollment" and the way out; the audit records the subcloud
/// offline with that reason (logged at debug level only: one line per availability change, no flood).
/// </summary>
public sealed class AgentEnroller
{
    private readonly AgentChannels _channels;
    private readonly AgentTls _tls;
    private readonly SubcloudEnrollment _enrollment;
    private readonly AgentClientOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _renewals = new(StringComparer.Ordinal);

    public AgentEnroller(AgentChannels channels, AgentTls tls, AgentClientOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(options);
        _channels = channels;
        _tls = tls;
        _enrollment = tls.Enrollment;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The renewal running for the subcloud, if any (tests wait for it).</summary>
    public Task? RenewalOf(string subcloud) => _renewals.TryGetValue(subcloud, out var running) ? running : null;

    /// <summary>
    /// Before a call on the subcloud's agent: enrolls it when it needs and can, starts a renewal when one is due. Throws
    /// an UNAVAILABLE <see cref="RpcException"/> saying why when the agent cannot be called over mutual TLS yet.
    /// </summary>
    public async Task PrepareAsync(Subcloud subcloud, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        if (!_tls.Secures(subcloud))
        {
            return;
        }

        await _enrollment.WhenLoaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = _enrollment.Time.GetUtcNow();
        var credential = _enrollment.Find(subcloud.Name);
        var unready = _tls.Unready(subcloud);
        var reenrolling = credential is not null && credential.TokenUsable(now) && _tls.PresentsForeignCertificate(subcloud.Name);
        if (unready is null && !reenrolling)
        {
            if (credential?.RenewalReason(now, AgentAddresses.Of(subcloud)) is { } reason)
            {
                StartRenewal(subcloud, reason);
            }

            return;
        }

        if (credential is null)
        {
            throw Unavailable(unready!);
        }

        var gate = _gates.GetOrAdd(subcloud.Name, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            throw Unavailable("waiting for enrollment (S-2): an enrollment of this subcloud is under way");
        }

        try
        {
            if (credential.TokenUsable(now))
            {
                await EnrollAsync(subcloud, cancellationToken).ConfigureAwait(false);
            }
            else if (credential.CertificatePem is { } pem && credential.CertificateInstalledAt is null && !credential.IsRevoked && !credential.IsExpired(now, _tls.ClockSkew))
            {
                await InstallAgainAsync(subcloud, credential, pem, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _logger.EnrollmentPending(subcloud.Name, unready ?? "no usable join token");
                throw Unavailable(unready ?? credential.Unusable(now, _tls.ClockSkew) ?? "waiting for enrollment (S-2)");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>After a call succeeded: a renewed (or newly installed) certificate the agent presented is confirmed.</summary>
    public Task AfterCallAsync(Subcloud subcloud, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        return _tls.Secures(subcloud) && _tls.PresentedSerial(subcloud.Name) is { } serial
            ? _enrollment.PresentedAsync(subcloud.Name, serial, cancellationToken)
            : Task.CompletedTask;
    }

    private async Task EnrollAsync(Subcloud subcloud, CancellationToken cancellationToken)
    {
        using var channel = _channels.EnrollmentChannel(subcloud);
        var client = new AgentEnrollment.AgentEnrollmentClient(channel);
        RequestCertificateResponse request;
        try
        {
            request = await client.RequestCertificateAsync(
                new RequestCertificateRequest { CaCertificatePem = _tls.Pki.Authority.Certificate.ExportCertificatePem(), Subcloud = subcloud.Name },
                deadline: _channels.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException failed)
        {
            _logger.EnrollmentPending(subcloud.Name, failed.Status.Detail);
            throw Unavailable($"waiting for enrollment (S-2): the agent at {subcloud.Agent} ({subcloud.PrimaryFamily}) gave no certificate request: {Describe(failed)}");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = await _enrollment.IssueAsync(subcloud, request.SigningRequest.ToByteArray(), request.JoinTokenId, request.Proof, subcloud.Agent.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException refused)
        {
            throw Unavailable($"waiting for enrollment (S-2): the controller refused the agent's certificate request, nothing was issued: {refused.Errors[0].Message}");
        }

        using (certificate)
        {
            await InstallAsync(subcloud, client, certificate.ExportCertificatePem(), certificate.SerialNumber, CertificateFingerprint.Of(certificate), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InstallAgainAsync(Subcloud subcloud, SubcloudCredential credential, string pem, CancellationToken cancellationToken)
    {
        using var channel = _channels.EnrollmentChannel(subcloud);
        using var certificate = X509Certificate2.CreateFromPem(pem);
        await InstallAsync(subcloud, new AgentEnrollment.AgentEnrollmentClient(channel), pem, credential.CertificateSerial!, CertificateFingerprint.Of(certificate), cancellationToken).ConfigureAwait(false);
    }

    private async Task InstallAsync(Subcloud subcloud, AgentEnrollment.AgentEnrollmentClient client, string pem, string serial, string fingerprint, CancellationToken cancellationToken)
    {
        InstallCertificateResponse installed;
        try
        {
            installed = await client.InstallCertificateAsync(new InstallCertificateRequest { CertificatePem = pem, TrustBundlePem = _tls.Pki.Trust.ToPem() },
                deadline: _channels.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException failed)
        {
            _logger.EnrollmentPending(subcloud.Name, failed.Status.Detail);
            throw Unavailable($"waiting for enrollment (S-2): certificate {serial} was issued but the agent at {subcloud.Agent} did not install it "
                + $"({Describe(failed)}); it is sent again at the next audit");
        }

        if (!string.Equals(installed.Fingerprint, fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            throw Unavailable($"waiting for enrollment (S-2): the agent at {subcloud.Agent} answered that it installed {installed.Fingerprint}, not certificate {serial} ({fingerprint})");
        }

        await _enrollment.InstalledAsync(subcloud.Name, serial, cancellationToken).ConfigureAwait(false);
        // The kept channel (if any) was refused or holds a connection made before: the next call dials afresh.
        _channels.Forget(subcloud.Name);
        _tls.Reset(subcloud.Name);
    }

    private void StartRenewal(Subcloud subcloud, string reason)
    {
        if (_renewals.TryGetValue(subcloud.Name, out var running) && !running.IsCompleted)
        {
            return;
        }

        var renewal = Task.Run(() => RenewAsync(subcloud, reason));
        _renewals[subcloud.Name] = renewal;
    }

    /// <summary>S-3 renewal over the subcloud's mutual-TLS channel; a failure keeps the current certificate and is tried again at the next audit.</summary>
    private async Task RenewAsync(Subcloud subcloud, string reason)
    {
        try
        {
            var client = new AgentEnrollment.AgentEnrollmentClient(_channels.InvokerFor(subcloud));
            var request = await client.RequestCertificateAsync(
                new RequestCertificateRequest { CaCertificatePem = _tls.Pki.Authority.Certificate.ExportCertificatePem(), Subcloud = subcloud.Name },
                deadline: _channels.Deadline()).ConfigureAwait(false);
            using var certificate = await _enrollment.RenewAsync(subcloud, request.SigningRequest.ToByteArray(), reason).ConfigureAwait(false);
            var installed = await client.InstallCertificateAsync(
                new InstallCertificateRequest { CertificatePem = certificate.ExportCertificatePem(), TrustBundlePem = _tls.Pki.Trust.ToPem() },
                deadline: _channels.Deadline()).ConfigureAwait(false);
            if (!string.Equals(installed.Fingerprint, CertificateFingerprint.Of(certificate), StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"the agent answered that it installed {installed.Fingerprint}, not the renewed certificate {certificate.SerialNumber}");
            }

            await _enrollment.InstalledAsync(subcloud.Name, certificate.SerialNumber).ConfigureAwait(false);
            // New connections present the new certificate; calls on the current connection finish on it.
            _channels.Redial(subcloud.Name, _options.CallTimeout * 2);
        }
#pragma warning disable CA1031 // A failed renewal must not end anything: the current certificate stays valid and the next audit retries.
        catch (Exception failed)
#pragma warning restore CA1031
        {
            _logger.RenewalFailed(subcloud.Name, failed is RpcException rpc ? Describe(rpc) : failed is DomainException domain ? domain.Errors[0].Message : failed.Message);
        }
    }

    private static string Describe(RpcException failed) =>
        failed.Status.DebugException is { } transport ? $"{failed.StatusCode}: {failed.Status.Detail} ({transport.GetBaseException().Message})" : $"{failed.StatusCode}: {failed.Status.Detail}";

    private static RpcException Unavailable(string reason) =>
        new(new Status(StatusCode.Unavailable, reason));
}
