using System.Globalization;
using System.Text.Json;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.EndToEnd.Tests.Agent;
using DistributedCloud.EndToEnd.Tests.Fleet;
using DistributedCloud.EndToEnd.Tests.Infrastructure;

namespace DistributedCloud.EndToEnd.Tests.Controller;

/// <summary>
/// S-8a with real processes: a controller with a fleet (a subcloud, a group, a strategy, an alarm) is backed up while it
/// serves, stopped and its data directory removed, restored onto a new data directory and started there; the fleet
/// keeps answering it as before.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed class ControllerBackupTests
{
    [Fact]
    public async Task A_controller_restored_from_a_backup_taken_while_it_served_keeps_its_fleet_on_a_new_data_directory_S8a()
    {
        using var files = new TempDirectory("dc-backup-e2e");
        var controllerYaml = files.Write("controller.yaml", FleetBootstraps.Controller);
        var secondary = files.Write("secondary.yaml", FleetBootstraps.SecondarySubnets);
        var archive = files.PathOf("controller-backup.tar.gz");

        Fleet before;
        string systemUuid;
        var agents = new List<AgentProcess>();
        try
        {
            await using (var original = await ControllerProcess.StartAsync(new HostStart { Bootstrap = controllerYaml, Environment = FleetFixture.FastSettings }))
            {
                // The fleet, each agent enrolled (S-2): subcloud1 in sync; subcloud2 (a duplex plan whose agent runs a simplex
                // site) in group "edge", out of sync with its 280.002 alarm; a strategy created and not applied.
                Ok(await original.CtlAsync("subcloud-group", "add", "edge", "--description", "the far sites"));
                agents.Add((await EnrolledAgents.AddWithDcctlAsync(original, "subcloud1", new HostStart { Bootstrap = files.Write("subcloud1.yaml", FleetBootstraps.Simplex) },
                    "--bootstrap", files.PathOf("subcloud1.yaml"), "--agent-address", "::1")).Agent);
                agents.Add((await EnrolledAgents.AddWithDcctlAsync(original, "subcloud2", new HostStart { Bootstrap = files.Write("subcloud2-agent.yaml", FleetBootstraps.Simplex) },
                    "--bootstrap", files.Write("subcloud2.yaml", FleetBootstraps.Duplex), "--agent-address", "::1", "--group", "edge")).Agent);
                foreach (var name in new[] { "subcloud1", "subcloud2" })
                {
                    await original.WaitForSubcloudAsync(name, s => s.Availability == SubcloudAvailability.Online);
                    Ok(await original.CtlAsync("subcloud", "manage", name));
                }

                await original.WaitForSubcloudAsync("subcloud1", s => s.Sync == SyncStatus.InSync);
                await original.WaitForSubcloudAsync("subcloud2", s => s.Sync == SyncStatus.OutOfSync);
                Ok(await original.CtlAsync("strategy", "create", "network-mode", "--target", "dual-stack", "--subclouds", "subcloud1", "--secondary-subnets", secondary));
                before = await Fleet.ReadAsync(original);
                Assert.Contains(before.Alarms, a => a == "280.002 subcloud=subcloud2");
                Assert.Contains("\"edge\"", before.Groups, StringComparison.Ordinal);
                Assert.Contains("\"subcloud1\"", before.Strategy, StringComparison.Ordinal);
                systemUuid = (await original.PlatformAsync((c, o) => c.GetSiteAsync(new(), o))).SystemUuid;

                // Taken while the controller serves and audits every second.
                var backup = await original.BackupAsync(archive);
                Assert.True(backup.ExitCode == 0, backup.ToString());
                Assert.StartsWith($"Backup written: {archive} (", backup.StdOut, StringComparison.Ordinal);
                Assert.Contains("controller.db: SQLite online backup", backup.StdErr, StringComparison.Ordinal);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(archive));

                // A second run without --force refuses to overwrite it: one line naming the file and the rule.
                var again = await original.BackupAsync(archive);
                Assert.Equal(1, again.ExitCode);
                Assert.Equal($"DistributedCloud.Controller: backup refused: {archive}: exists already (S-8a); give another file, or add --force to replace it; nothing was written",
                    again.StdErr.Trim());

                Assert.Equal(0, await original.StopAsync());
            }

            // The old data directory is gone with the old process (it was a temporary one); only the backup is left.
            var restoredDirectory = files.PathOf("restored-data");
            var restore = await ControllerProcess.RestoreAsync(archive, restoredDirectory);
            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.StartsWith($"Restored: {restoredDirectory} (", restore.StdOut, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, Mode(restoredDirectory));

            // A restore never goes over a directory with files in it.
            var over = await ControllerProcess.RestoreAsync(archive, restoredDirectory);
            Assert.Equal(1, over.ExitCode);
            Assert.Contains("(S-8a)", over.StdErr, StringComparison.Ordinal);

            var started = DateTimeOffset.UtcNow;
            await using var restored = await ControllerProcess.StartAsync(new HostStart
            {
                Bootstrap = controllerYaml,
                DataDirectory = restoredDirectory,
                Environment = FleetFixture.FastSettings,
            });
            Assert.Equal(systemUuid, (await restored.PlatformAsync((c, o) => c.GetSiteAsync(new(), o))).SystemUuid);

            // Audited again by the restored controller, and the fleet reads as it did.
            await restored.WaitForSubcloudAsync("subcloud1", s => s.LastAudit?.ToDateTimeOffset() > started && s.Availability == SubcloudAvailability.Online
                && s.Sync == SyncStatus.InSync);
            await restored.WaitForSubcloudAsync("subcloud2", s => s.LastAudit?.ToDateTimeOffset() > started && s.Sync == SyncStatus.OutOfSync);
            var after = await Fleet.ReadAsync(restored);
            Assert.Equal(before.Subclouds, after.Subclouds);
            Assert.Equal(before.Groups, after.Groups);
            Assert.Equal(before.Strategy, after.Strategy);
            Assert.Equal(before.Alarms, after.Alarms);
            Assert.Contains("\"subcloud1\"", after.Subclouds, StringComparison.Ordinal);

            // A forwarded platform call reaches the agent through the restored controller.
            var hosts = await restored.CtlAsync("--subcloud", "subcloud1", "host-list", "-o", "json");
            Ok(hosts);
            Assert.Equal(["controller-0"], JsonDocument.Parse(hosts.StdOut).RootElement.EnumerateArray().Select(h => h.GetProperty("hostname").GetString()));
        }
        finally
        {
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }
        }
    }

    private static UnixFileMode Mode(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("Unix file modes") : File.GetUnixFileMode(path);

    private static void Ok(DcctlResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    /// <summary>What an operator reads of the fleet through dcctl: subclouds, groups, the strategy (JSON text) and the active alarms (id and entity).</summary>
    private sealed record Fleet(string Subclouds, string Groups, string Strategy, string[] Alarms)
    {
        public static async Task<Fleet> ReadAsync(ControllerProcess controller)
        {
            async Task<string> Json(params string[] args)
            {
                var result = await controller.CtlAsync([.. args, "-o", "json"]);
                Ok(result);
                return result.StdOut;
            }

            var alarms = await controller.CallAsync((c, o) => c.ListAlarmsAsync(new ListAlarmsRequest(), o));
            return new Fleet(await Json("subcloud", "list"), await Json("subcloud-group", "list"), await Json("strategy", "show"),
                [.. alarms.Alarms.Select(a => $"{a.AlarmId} {a.EntityInstanceId}").Order(StringComparer.Ordinal)]);
        }
    }
}
