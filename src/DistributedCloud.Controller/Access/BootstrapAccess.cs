using DistributedCloud.Controller.Core.Access;
using DistributedCloud.Controller.Core.Identity;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;
using DistributedCloud.Site.Hosting.Configuration;

namespace DistributedCloud.Controller.Access;

/// <summary>
/// The zero-setup first start (S-6): when the controller has no admin token yet, it creates the bootstrap
/// administrator's token and writes it, with a ready dcctl configuration (its URL, its CA, the token), into
/// <c>DIR/access/</c>, owner-only. Later starts leave both alone.
/// </summary>
public static class BootstrapAccess
{
    public const string DirectoryName = "access";
    public const string TokenName = "bootstrap-admin";

    /// <summary>The configuration written now, or null when tokens existed already.</summary>
    public static async Task<string?> EnsureAsync(AdminTokenStore tokens, ControllerPki pki, string dataDirectory, IEnumerable<string> listenUrls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(pki);
        if (await tokens.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var created = await tokens.CreateAsync(TokenName, AdminRole.Admin, expiresIn: null, createdBy: "controller first start", cancellationToken).ConfigureAwait(false);
        var directory = Path.Combine(dataDirectory, DirectoryName);
        KeyFiles.EnsureDirectory(directory);
        KeyFiles.WriteSecret(Path.Combine(directory, "admin-token"), created.Secret + "\n");
        var config = new DcctlConfig { Controller = DialUrl(listenUrls), CaCertificate = pki.Authority.Certificate.ExportCertificatePem(), Token = created.Secret };
        var path = Path.Combine(directory, "dcctl.yaml");
        KeyFiles.WriteSecret(path, config.ToYaml(
            "dcctl configuration of this controller's bootstrap administrator (S-6), written at its first start.\n"
            + "Keep it like a password: dcctl --config FILE, DCCTL_CONFIG=FILE, or copy it to ~/.config/dcctl/config.yaml;\n"
            + "create named tokens with 'dcctl token create NAME --role ROLE' and revoke bootstrap-admin when you have."));
        return path;
    }

    /// <summary>The first listen URL (TLS ones first) as a client on this machine dials it.</summary>
    private static string? DialUrl(IEnumerable<string> listenUrls) =>
        listenUrls.Select(u => ListenAddress.TryParse(u, out var a, out _) ? a : null).OfType<ListenAddress>().OrderBy(a => a.Tls ? 0 : 1).FirstOrDefault()?.DialUrl();
}
