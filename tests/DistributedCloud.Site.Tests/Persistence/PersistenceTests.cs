using DistributedCloud.Networking.Errors;
using DistributedCloud.Site.Drivers;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Persistence;
using DistributedCloud.Site.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Site.Tests.Persistence;

/// <summary>The SQLite store: round trip, N-33 (a failed command changes nothing), crash recovery, the schema.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task A_site_reopened_from_its_sqlite_file_is_the_same_site()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.AddPoolAsync(TestSite.OamIpv4);
        await site.Manager.AssignPoolAsync("oam", "oam-ipv4");
        await site.Manager.AddPoolAsync(TestSite.ClusterPodIpv4);
        await site.LockAsync("controller-1");
        await site.Manager.AddPodAsync("default/app-0");
        var before = site.Manager.GetSite();
        Assert.True(File.Exists(site.Manager.DatabasePath));

        await site.ReopenAsync();
        var after = site.Manager.GetSite();

        Assert.Equal(before.SystemUuid, after.SystemUuid);
        Assert.Equal(before.ConfigGeneration, after.ConfigGeneration);
        Assert.Equal(before.Pools, after.Pools, PoolComparer);
        Assert.Equal(before.NetworkPools, after.NetworkPools);
        Assert.Equal(before.Alarms, after.Alarms);
        Assert.Equal(before.Pods, after.Pods);
        Assert.Equal(before.KubernetesDualStack, after.KubernetesDualStack);
        Assert.Equal(
            before.Hosts.Select(h => h with { Addresses = [] }),
            after.Hosts.Select(h => h with { Addresses = [] }));
        Assert.Equal(
            before.Hosts.SelectMany(h => h.Addresses.SelectMany(a => a.Addresses.Select(x => $"{h.Hostname} {a.Network} {x}"))),
            after.Hosts.SelectMany(h => h.Addresses.SelectMany(a => a.Addresses.Select(x => $"{h.Hostname} {a.Network} {x}"))));

        // The reopened site goes on: the lock cycle finishes and clears the alarm.
        await site.UnlockAsync("controller-1");
        Assert.Single(site.Manager.ListAlarms());
    }

    private static readonly IEqualityComparer<Views.PoolView> PoolComparer = EqualityComparer<Views.PoolView>.Create(
        (a, b) => a!.Uuid == b!.Uuid && a.Name == b.Name && a.Network == b.Network && a.Prefix == b.Prefix && a.Ranges.SequenceEqual(b.Ranges)
            && a.FloatingAddress == b.FloatingAddress && a.Controller0Address == b.Controller0Address && a.AttachedTo == b.AttachedTo,
        p => p.Uuid.GetHashCode());

    [Fact]
    public async Task N33_a_refused_command_leaves_the_database_and_the_site_unchanged()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.AddPoolAsync(TestSite.OamIpv4);
        var dump = SqliteDump.Of(site.Manager.DatabasePath);
        var view = site.Manager.GetSite();

        // Every kind of refusal: an invalid pool, a rule of the network engine, a host rule.
        await Assert.ThrowsAsync<DomainException>(() => site.Manager.AddPoolAsync(new("bad", "10.0.0.0", "33")));
        await Assert.ThrowsAsync<DomainException>(() => site.Manager.AssignPoolAsync("cluster-pod", "oam-ipv4"));
        await Assert.ThrowsAsync<DomainException>(() => site.Manager.LockHostAsync("controller-0"));
        await Assert.ThrowsAsync<DomainException>(() => site.Manager.DeletePoolAsync("oam-ipv6"));

        Assert.Equal(dump, SqliteDump.Of(site.Manager.DatabasePath));
        var after = site.Manager.GetSite();
        Assert.Equal(view.Pools.Select(p => p.Name), after.Pools.Select(p => p.Name));
        Assert.Equal(view.NetworkPools, after.NetworkPools);
        Assert.Equal(view.Hosts.Select(h => h with { Addresses = [] }), after.Hosts.Select(h => h with { Addresses = [] }));
        Assert.Equal(view.ConfigGeneration, site.Manager.ReadArtifacts()!.Generation);
    }

    [Fact]
    public async Task N33_a_change_that_fails_after_the_network_rules_accepted_it_is_rolled_back_whole()
    {
        // A cluster-host pool with one free address: the rules accept it, then the second controller finds no
        // address left (N-9) while the change is carried out. Nothing of it may remain.
        await using var site = await TestSite.CreateAsync();
        var manager = site.Manager;
        await manager.AddPoolAsync(new("tiny-ipv4", "192.168.77.0", "24", Ranges: "192.168.77.10-192.168.77.10"));
        var dump = SqliteDump.Of(manager.DatabasePath);
        var generation = manager.GetSite().ConfigGeneration;

        var error = await Assert.ThrowsAsync<DomainException>(() => manager.AssignPoolAsync("cluster-host", "tiny-ipv4"));

        Assert.Equal("N-9", error.Errors[0].Rule);
        Assert.Equal(dump, SqliteDump.Of(manager.DatabasePath));
        Assert.Single(manager.ListNetworks().Single(n => n.Name == "cluster-host").Pools);
        Assert.Null(manager.ShowPool("tiny-ipv4").AttachedTo);
        Assert.Equal(generation, manager.GetSite().ConfigGeneration);
        Assert.Equal(generation, manager.ReadArtifacts()!.Generation);
        Assert.All(manager.ListHosts(), h => Assert.False(h.ConfigOutOfDate));

        // The live site is the stored one: a valid change still works.
        await manager.ModifyPoolAsync("tiny-ipv4", new(Ranges: "192.168.77.10-192.168.77.20"));
        var outcome = await manager.AssignPoolAsync("cluster-host", "tiny-ipv4");
        Assert.Equal(["controller-0", "controller-1"], outcome.Change.RuntimeAppliedHosts);
    }

    [Fact]
    public async Task A_host_action_in_flight_at_a_crash_is_reported_failed_on_restart_and_can_be_retried()
    {
        using var directory = new TempDirectory("dc-site-tests");
        var options = new SiteManagerOptions { DataDirectory = directory.Root };
        var yaml = BootstrapExamples.Read(BootstrapExamples.AioDxIpv6);

        // The first process: a lock that never ends. The manager is abandoned, not disposed, as a kill leaves it.
        var hanging = new SimulatedHostDriver(new SimulatedHostDriverOptions { ActionDuration = TimeSpan.FromHours(1) });
        var crashed = await SiteManager.OpenOrCreateAsync(options, yaml, hanging);
        var ticket = await crashed.LockHostAsync("controller-1", operationId: "lock-1");
        Assert.Equal("Locking", crashed.ShowHost("controller-1").Task);

        // The second process on the same data directory.
        await using var restarted = await SiteManager.OpenOrCreateAsync(options, yaml);
        var host = restarted.ShowHost("controller-1");
        Assert.Null(host.Task);
        Assert.Equal(AdministrativeState.Unlocked, host.Administrative);
        Assert.Contains("stopped while the action ran", host.LastFailure, StringComparison.Ordinal);
        var operation = await restarted.WaitForOperationAsync("lock-1");
        Assert.Equal(OperationState.Failed, operation.State);

        var retried = await (await restarted.LockHostAsync("controller-1")).Completion;
        Assert.Equal(OperationState.Succeeded, retried.State);
        Assert.Equal(AdministrativeState.Locked, restarted.ShowHost("controller-1").Administrative);
        Assert.False(ticket.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Reopening_with_another_bootstrap_file_is_refused_and_without_one_is_fine()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.DisposeAsync();
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            SiteManager.OpenOrCreateAsync(site.Options, BootstrapExamples.Read(BootstrapExamples.AioSxIpv4)));
        Assert.Equal("D-22", error.Errors[0].Rule);
        Assert.Contains("another bootstrap file", error.Errors[0].Message, StringComparison.Ordinal);

        await using var reopened = await SiteManager.OpenAsync(site.Options);
        Assert.Equal(2, reopened.ListHosts().Count);
        await site.ReopenAsync();
    }

    [Fact]
    public async Task An_empty_data_directory_without_a_bootstrap_file_is_refused()
    {
        using var directory = new TempDirectory("dc-site-tests");
        var options = new SiteManagerOptions { DataDirectory = directory.Root };
        var error = await Assert.ThrowsAsync<DomainException>(() => SiteManager.OpenAsync(options));
        Assert.Contains("holds no site yet", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrations_match_the_model_and_create_every_table()
    {
        await using var site = await TestSite.CreateAsync();
        await using var context = SiteDbContextFactory.Create(site.Manager.DatabasePath);
        Assert.False(context.Database.HasPendingModelChanges());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(["20260101000000_InitialCreate", "20260201000000_NetworkChanges"], await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal(1, await context.Sites.CountAsync());
        Assert.Equal(2, await context.Hosts.CountAsync());
    }

    [Fact]
    public async Task Without_migrate_on_open_a_database_behind_the_schema_is_refused_until_the_explicit_migrate_step()
    {
        using var directory = new TempDirectory("dc-site-tests");
        var options = new SiteManagerOptions { DataDirectory = directory.Root, MigrateOnOpen = false };
        var refused = await Assert.ThrowsAsync<DistributedCloud.Networking.Errors.DomainException>(() =>
            SiteManager.OpenOrCreateAsync(options, BootstrapExamples.Read(BootstrapExamples.AioDxIpv6)));
        Assert.Equal("schema", refused.Errors[0].Field);
        Assert.Contains("--migrate", refused.Message, StringComparison.Ordinal);

        Assert.Equal(["20260101000000_InitialCreate", "20260201000000_NetworkChanges"], await SiteManager.MigrateAsync(options));
        Assert.Empty(await SiteManager.MigrateAsync(options));
        await using var site = await SiteManager.OpenOrCreateAsync(options, BootstrapExamples.Read(BootstrapExamples.AioDxIpv6));
        Assert.Equal(2, site.ListHosts().Count);
    }

    [Fact]
    public async Task A_site_database_that_is_not_a_database_is_refused_as_damaged_naming_the_file()
    {
        using var directory = new TempDirectory("dc-site-tests");
        var options = new SiteManagerOptions { DataDirectory = directory.Root };
        directory.Write(options.DatabaseFileName, string.Concat(Enumerable.Repeat("not a database; ", 512)));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            SiteManager.OpenOrCreateAsync(options, BootstrapExamples.Read(BootstrapExamples.AioDxIpv6)));

        Assert.Contains($"'{options.DatabasePath}' is damaged or is not a database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Artifacts_missing_after_a_crash_between_commit_and_write_are_rendered_on_restart()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.AddPoolAsync(TestSite.ClusterServiceIpv4);
        await site.Manager.AssignPoolAsync("cluster-service", "cluster-service-ipv4");
        var generation = site.Manager.GetSite().ConfigGeneration;
        await site.Manager.DisposeAsync();

        // As if the process died after the commit, before the generation directory was renamed into place.
        var artifacts = site.Manager.Artifacts;
        Directory.Delete(Path.Combine(artifacts.Root, DistributedCloud.Site.Rendering.ArtifactStore.GenerationDirectoryName(generation)), recursive: true);
        File.WriteAllText(Path.Combine(artifacts.Root, DistributedCloud.Site.Rendering.ArtifactStore.CurrentFile), $"{generation - 1}\n");

        await site.ReopenAsync();
        var current = site.Manager.ReadArtifacts()!;
        Assert.Equal(generation, current.Generation);
        Assert.Equal(await site.Manager.RenderAsync(), current.Documents);
    }
}
