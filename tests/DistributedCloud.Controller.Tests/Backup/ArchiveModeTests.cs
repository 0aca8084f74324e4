using DistributedCloud.Controller.Backup;
using DistributedCloud.Controller.Configuration;

namespace DistributedCloud.Controller.Tests.Backup;

/// <summary>S-8a: the --backup and --restore command line, and the mode's exit codes and lines (0 done, 1 refused, 2 usage).</summary>
public sealed class ArchiveModeTests
{
    [Fact]
    public void Backup_and_restore_are_parsed_with_their_value_and_force_and_the_rest_goes_to_the_host_flags()
    {
        var backup = ControllerCommandLine.Parse(["--data-dir", "d", "--backup", "/b/ctl.tar.gz", "--force"]);
        Assert.Empty(backup.Errors);
        Assert.Equal(new ArchiveRequest(ArchiveOperation.Backup, "/b/ctl.tar.gz", true), backup.Archive);
        Assert.Equal("d", backup.Settings["Controller:DataDirectory"]);

        var restore = ControllerCommandLine.Parse(["--restore=/b/ctl.tar.gz", "--data-dir=new"]);
        Assert.Empty(restore.Errors);
        Assert.Equal(new ArchiveRequest(ArchiveOperation.Restore, "/b/ctl.tar.gz", false), restore.Archive);

        Assert.Null(ControllerCommandLine.Parse(["--data-dir", "d", "--listen", "http://[::1]:50051"]).Archive);
    }

    [Theory]
    [InlineData("--backup and --restore are two runs; give one of them.", "--data-dir", "d", "--backup", "a", "--restore", "b")]
    [InlineData("--backup needs a file; see --help.", "--data-dir", "d", "--backup")]
    [InlineData("--restore needs a file; see --help.", "--restore", "--data-dir", "d")]
    [InlineData("--backup is given more than once; give it once.", "--backup", "a", "--backup", "b")]
    [InlineData("--force applies to --backup only; a restore never replaces a data directory that has files: give a new or empty --data-dir.", "--restore", "a", "--force")]
    [InlineData("--force applies to --backup only (to replace an existing backup file); leave it out.", "--data-dir", "d", "--force")]
    [InlineData("--migrate and --backup are two runs; give one of them.", "--backup", "a", "--migrate")]
    [InlineData("--listen has no meaning with --backup, which only reads or writes the data directory; leave it out.", "--backup", "a", "--listen", "http://[::1]:1")]
    [InlineData("--bootstrap has no meaning with --restore, which only reads or writes the data directory; leave it out.", "--restore", "a", "--bootstrap=x.yaml")]
    public void A_wrong_archive_command_line_is_a_usage_error_naming_the_flag(string error, params string[] args)
    {
        Assert.Contains(error, ControllerCommandLine.Parse(args).Errors);
    }

    [Fact]
    public void The_mode_prints_the_result_on_stdout_and_a_refusal_as_one_line_on_stderr_with_exit_codes_0_1_2()
    {
        using var place = new BackupFixture();
        place.WriteData("pki/ca.key", "key");
        var archive = Path.Combine(place.Archives, "ctl.tar.gz");
        var (code, stdout, stderr) = Run(new ArchiveRequest(ArchiveOperation.Backup, archive, false), place.DataDirectory);
        Assert.Equal(0, code);
        Assert.StartsWith($"Backup written: {archive} (1 files, 3 bytes of data, ", stdout, StringComparison.Ordinal);
        Assert.Contains("keep it like a key (S-8a)", stdout, StringComparison.Ordinal);
        Assert.StartsWith($"DistributedCloud.Controller: backing up {place.DataDirectory} into {archive}", stderr, StringComparison.Ordinal);

        (code, stdout, stderr) = Run(new ArchiveRequest(ArchiveOperation.Backup, archive, false), place.DataDirectory);
        Assert.Equal((1, string.Empty), (code, stdout));
        Assert.Equal($"DistributedCloud.Controller: backup refused: {archive}: exists already (S-8a); give another file, or add --force to replace it; nothing was written\n", stderr);

        var target = Path.Combine(place.Restores, "new");
        (code, stdout, _) = Run(new ArchiveRequest(ArchiveOperation.Restore, archive, false), target);
        Assert.Equal(0, code);
        Assert.StartsWith($"Restored: {target} (1 files, 3 bytes; the backup of {place.DataDirectory} taken ", stdout, StringComparison.Ordinal);
        Assert.Equal("key", File.ReadAllText(Path.Combine(target, "pki", "ca.key")));

        (code, stdout, stderr) = Run(new ArchiveRequest(ArchiveOperation.Restore, archive, false), target);
        Assert.Equal((1, string.Empty), (code, stdout));
        Assert.Single(stderr.TrimEnd('\n').Split('\n'), l => l.StartsWith("DistributedCloud.Controller: restore refused: ", StringComparison.Ordinal) && l.Contains("(S-8a)", StringComparison.Ordinal));

        (code, _, stderr) = Run(new ArchiveRequest(ArchiveOperation.Restore, archive, false), null);
        Assert.Equal(2, code);
        Assert.Equal("DistributedCloud.Controller: Controller:DataDirectory (--data-dir) is missing: give the data directory to restore into; see --help.\n", stderr);
    }

    private static (int Code, string StdOut, string StdErr) Run(ArchiveRequest request, string? dataDirectory)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = ArchiveMode.Run(request, dataDirectory, stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
