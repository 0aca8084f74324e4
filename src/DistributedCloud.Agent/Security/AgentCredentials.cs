using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Agent.Configuration;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;
using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Site.Hosting.Security;

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
/// The agent's identity material in <c>DIR/pki/</c> and <c>DIR/access/</c>, decided at start: enrolled when it holds
/// a controller-issued certificate, enrolling when started with a join token, standalone otherwise. Sets what the
/// TLS listeners present.
/// </summary>
public sealed class AgentCredentials(ServerCredentials server, StandaloneTokens tokens, TimeProvider time)
{
    public const string PkiDirectory = "pki";
    public const string AccessDirectory = "access";
    public static readonly TimeSpan StandaloneLifetime = TimeSpan.FromDays(3650);

    public AgentAccessMode Mode { get; private set; }

    /// <summary>The dcctl configuration written for a standalone agent's bootstrap administrator, when this start wrote it.</summary>
    public string? WroteConfig { get; private set; }

    /// <summary>Opens the credentials of <paramref name="dataDirectory"/> for the options' listeners.</summary>
    public void Open(string dataDirectory, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pki = Path.Combine(dataDirectory, PkiDirectory);
        var access = Path.Combine(dataDirectory, AccessDirectory);
        KeyFiles.EnsureDirectory(pki);
        KeyFiles.EnsureDirectory(access);
        var listen = options.ListenUrls.Select(u => ListenAddress.TryParse(u, out var a, out _) ? a : null).OfType<ListenAddress>().ToArray();
        Mode = AgentAccessMode.Standalone;
        OpenStandalone(pki, access, listen);
    }

    private void OpenStandalone(string pki, string access, IReadOnlyList<ListenAddress> listen)
    {
        var certificatePath = Path.Combine(pki, "standalone.crt");
        var keyPath = Path.Combine(pki, "standalone.key");
        var addresses = listen.Select(l => l.EndPoint.Address).Append(IPAddress.Loopback).Append(IPAddress.IPv6Loopback)
            .Where(a => !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any)).Distinct().ToArray();
        X509Certificate2? certificate = null;
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            try
            {
                certificate = KeyFiles.LoadCertificateWithKey(certificatePath, keyPath);
                var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateIPAddresses()).ToHashSet();
                if (!addresses.All(sans.Contains) || certificate.NotAfter.ToUniversalTime() < time.GetUtcNow().UtcDateTime)
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
        certificate ??= SelfSignedCertificate.Create("DistributedCloud standalone agent", addresses, ["localhost"], StandaloneLifetime, time);
        if (renewed)
        {
            KeyFiles.WriteCertificateWithKey(certificate, certificatePath, keyPath);
        }

        server.Use(certificate);
        tokens.Load(access);
        if (!tokens.Any)
        {
            var token = tokens.Create(access, "bootstrap-admin", AdminRole.Admin, time.GetUtcNow());
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
        var url = listen.FirstOrDefault(l => l.Tls) is { } tls ? DialUrl(tls) : listen.Count > 0 ? DialUrl(listen[0]) : null;
        var config = new DcctlConfig { Agent = url, CaCertificate = certificate.ExportCertificatePem(), Token = token };
        var path = Path.Combine(access, "dcctl.yaml");
        KeyFiles.WriteSecret(path, config.ToYaml("dcctl configuration of this standalone agent's bootstrap administrator (S-5a).\nKeep it like a password: dcctl --config FILE, DCCTL_CONFIG=FILE, or ~/.config/dcctl/config.yaml."));
        WroteConfig = path;
    }

    /// <summary>The URL a client on this machine dials for a listen address (a wildcard listens on loopback too).</summary>
    public static string DialUrl(ListenAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ip = address.EndPoint.Address;
        if (ip.Equals(IPAddress.Any))
        {
            ip = IPAddress.Loopback;
        }
        else if (ip.Equals(IPAddress.IPv6Any))
        {
            ip = IPAddress.IPv6Loopback;
        }

        return $"{(address.Tls ? "https" : "http")}://{new IPEndPoint(ip, address.EndPoint.Port)}";
    }
}
