using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DistributedCloud.Security.Pki;

/// <summary>
/// Writing secrets and certificates to the data directory: owner-only from creation (mode 0600, never widened and then
/// narrowed), written to a temporary name, flushed and renamed, so a crash leaves the old file or the new one (S-1, S-10).
/// </summary>
public static class KeyFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void EnsureDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, OwnerOnlyDirectory);
            }
        }
    }

    public static void WriteSecret(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        File.Delete(temporary);
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The certificate of <paramref name="certificatePath"/> with the key of <paramref name="keyPath"/>.</summary>
    public static X509Certificate2 LoadCertificateWithKey(string certificatePath, string keyPath) =>
        X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath), File.ReadAllText(keyPath));

    public static void WriteCertificateWithKey(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the certificate has no ECDSA private key");
        WriteSecret(keyPath, key.ExportPkcs8PrivateKeyPem());
        WriteSecret(certificatePath, certificate.ExportCertificatePem());
    }
}
