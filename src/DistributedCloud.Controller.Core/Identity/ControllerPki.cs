using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Security.Pki;

namespace DistributedCloud.Controller.Core.Identity;

/// <summary>
/// The controller's certificate authority and its own certificate (S-1, S-3), kept in <c>DIR/pki/</c>:
/// <c>ca.crt</c>/<c>ca.key</c> (generated at the first start unless the operator put their own there) and
/// <c>controller.crt</c>/<c>controller.key</c> (<c>dc://controller/&lt;id&gt;</c>, serving the admin API and presented
/// when dialling agents; reissued when a third of its life is left or its addresses changed). Keys are 0600.
/// </summary>
public sealed class ControllerPki : IDisposable
{
    public const string DirectoryName = "pki";
    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);
    public static readonly TimeSpan CertificateLifetime = TimeSpan.FromDays(365);

    private readonly TimeProvider _time;
    private CertificateAuthority? _authority;
    private X509Certificate2? _certificate;

    public ControllerPki(TimeProvider time)
    {
        _time = time;
    }

    public bool IsOpen => _authority is not null;

    public CertificateAuthority Authority => _authority ?? throw new InvalidOperationException("the controller's PKI is not open yet");

    /// <summary>The controller's own certificate, with its key.</summary>
    public X509Certificate2 Certificate => _certificate ?? throw new InvalidOperationException("the controller's PKI is not open yet");

    public string ControllerId { get; private set; } = string.Empty;

    /// <summary>What the controller trusts and hands to its agents (S-4): its own CA; a peer's joins it with geo-redundancy.</summary>
    public TrustBundle Trust => new([Authority.Certificate]);

    public string Fingerprint => Authority.Fingerprint;

    /// <summary>True when the CA was created by this open (the first start).</summary>
    public bool CreatedAuthority { get; private set; }

    /// <summary>Loads or creates the CA and the controller's certificate for <paramref name="controllerId"/> and its listen addresses.</summary>
    public void Open(string dataDirectory, string controllerId, IEnumerable<IPAddress> addresses)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(controllerId);
        var directory = Path.Combine(dataDirectory, DirectoryName);
        KeyFiles.EnsureDirectory(directory);
        var caPath = Path.Combine(directory, "ca.crt");
        var caKeyPath = Path.Combine(directory, "ca.key");
        if (File.Exists(caPath) != File.Exists(caKeyPath))
        {
            throw new InvalidDataException($"'{directory}' holds only one of ca.crt and ca.key; restore both from the backup (S-8a), or remove both to start a new CA and re-enroll every agent");
        }

        if (File.Exists(caPath))
        {
            try
            {
                _authority = CertificateAuthority.FromPem(File.ReadAllText(caPath), File.ReadAllText(caKeyPath), _time);
            }
            catch (CryptographicException bad)
            {
                throw new InvalidDataException($"the CA in '{directory}' cannot be read ({bad.Message}); restore ca.crt and ca.key from the backup (S-8a)", bad);
            }
        }
        else
        {
            _authority = CertificateAuthority.Create($"DistributedCloud controller {controllerId}", AuthorityLifetime, _time);
            var (certificatePem, keyPem) = _authority.ExportPem();
            KeyFiles.WriteSecret(caKeyPath, keyPem);
            KeyFiles.WriteSecret(caPath, certificatePem);
            CreatedAuthority = true;
        }

        ControllerId = controllerId;
        var wanted = addresses.Append(IPAddress.Loopback).Append(IPAddress.IPv6Loopback).Where(a => !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any)).Distinct().ToArray();
        var certificatePath = Path.Combine(directory, "controller.crt");
        var keyPath = Path.Combine(directory, "controller.key");
        var kept = File.Exists(certificatePath) && File.Exists(keyPath) ? TryLoad(certificatePath, keyPath) : null;
        if (kept is not null && StillServes(kept, controllerId, wanted))
        {
            _certificate = kept;
            return;
        }

        kept?.Dispose();
        _certificate = _authority.IssueWithNewKey(PeerIdentity.Controller(controllerId), wanted, ["localhost"], CertificateLifetime, CertificateUse.Server | CertificateUse.Client);
        KeyFiles.WriteCertificateWithKey(_certificate, certificatePath, keyPath);
    }

    private bool StillServes(X509Certificate2 certificate, string controllerId, IReadOnlyCollection<IPAddress> addresses)
    {
        var now = _time.GetUtcNow();
        var life = certificate.NotAfter - certificate.NotBefore;
        var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateIPAddresses()).ToHashSet();
        return PeerIdentity.Of(certificate) == PeerIdentity.Controller(controllerId)
            && new TrustBundle([Authority.Certificate]).Validates(certificate, now, TimeSpan.Zero, out _)
            && certificate.NotAfter.ToUniversalTime() - now.UtcDateTime > life / 3
            && addresses.All(sans.Contains);
    }

    private static X509Certificate2? TryLoad(string certificatePath, string keyPath)
    {
        try
        {
            return KeyFiles.LoadCertificateWithKey(certificatePath, keyPath);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _certificate?.Dispose();
        _authority?.Dispose();
    }
}
