using System.Globalization;
using DistributedCloud.Controller.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace DistributedCloud.Controller.Backup;

/// <summary>
/// The one-shot modes <c>--backup</c> and <c>--restore</c> (S-8a): no listener, no site or store opened; progress on
/// stderr, the result on stdout, a refusal as one line on stderr. Exit codes: 0 done, 1 refused (nothing written),
/// 2 usage (no data directory).
/// </summary>
public static class ArchiveMode
{
    private const string Program = "DistributedCloud.Controller";

    /// <summary>Runs <paramref name="request"/> on the data directory the host's settings name (flag, environment or --config, as when serving).</summary>
    public static int RunArchive(this WebApplicationBuilder builder, ArchiveRequest request)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dataDirectory = builder.Configuration[$"{ControllerOptions.SectionName}:{nameof(ControllerOptions.DataDirectory)}"];
        return Run(request, dataDirectory, Console.Out, Console.Error, TimeProvider.System);
    }

    public static int Run(ArchiveRequest request, string? dataDirectory, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var operation = request.Operation == ArchiveOperation.Backup ? "backup" : "restore";
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            stderr.WriteLine($"{Program}: Controller:DataDirectory (--data-dir) is missing: give the data directory to {(request.Operation == ArchiveOperation.Backup ? "back up" : "restore into")}; see --help.");
            return 2;
        }

        try
        {
            if (request.Operation == ArchiveOperation.Backup)
            {
                var done = new ControllerBackup(clock, stderr).Create(dataDirectory, request.File, request.Force);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Backup written: {done.File} ({done.Manifest.Files.Count} files, {ByteSizes.Format(done.Manifest.TotalBytes)} of data, {ByteSizes.Format(done.ArchiveBytes)} compressed, mode 0600)."));
                stdout.WriteLine("It holds the controller's CA key, database and admin tokens: keep it like a key (S-8a).");
            }
            else
            {
                var done = new ControllerRestore(stderr).Restore(request.File, dataDirectory);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Restored: {done.DataDirectory} ({done.Manifest.Files.Count} files, {ByteSizes.Format(done.Manifest.TotalBytes)}; the backup of {done.Manifest.SourceDirectory} taken {done.Manifest.Created:u})."));
                stdout.WriteLine($"Start the controller with --data-dir {done.DataDirectory} (as the user it runs as).");
            }

            return 0;
        }
        catch (BackupRefusedException refused)
        {
            stderr.WriteLine($"{Program}: {operation} refused: {refused.Message}");
            return 1;
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException)
        {
            // Whatever the operations did not name themselves: still one line, never a stack trace.
            stderr.WriteLine($"{Program}: {operation} refused: {failed.Message} (S-8a); check the paths and their permissions; nothing was written.");
            return 1;
        }
    }
}
