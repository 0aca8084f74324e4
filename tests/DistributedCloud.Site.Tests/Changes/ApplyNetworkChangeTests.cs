using System.Text.Json;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Changes;
using DistributedCloud.Site.Changes;
using DistributedCloud.Site.Events;
using DistributedCloud.Site.Tests.Support;

namespace DistributedCloud.Site.Tests.Changes;

/// <summary>ApplyNetworkChange: several steps in one transaction, at most once per operation id (N-33).</summary>
public sealed class ApplyNetworkChangeTests
{
    private static NetworkChangeStep[] OamSecondary =>
    [
        new NetworkChangeStep.AddPool(TestSite.OamIpv4),
        new NetworkChangeStep.AssignPool("oam", "oam-ipv4"),
    ];

    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task Steps_are_applied_in_order_in_one_command_with_each_result_and_the_last_config_target()
    {
        await using var site = await TestSite.CreateAsync();
        var generation = site.Manager.GetSite().ConfigGeneration;

        var outcome = await site.Manager.ApplyNetworkChangeAsync("op-1", OamSecondary);

        Assert.False(outcome.Replayed);
        Assert.Equal([0, 1], outcome.Results.Select(r => r.Index));
        Assert.Equal("oam-ipv4", outcome.Results[0].Pool!.Name);
        Assert.Equal(("oam", "oam-ipv4", false), (outcome.Results[1].Assignment!.NetworkName, outcome.Results[1].Assignment!.AddrpoolName, outcome.Results[1].Assignment!.Primary));
        Assert.Single(outcome.Changes);
        Assert.Equal(site.Host("controller-0").ConfigTarget, outcome.ConfigTarget);
        Assert.NotEmpty(outcome.Notices);
        Assert.Equal(2, site.Manager.ListNetworks().Single(n => n.Name == "oam").Pools.Count);
        Assert.Equal(2, site.Manager.ListAlarms().Count);
        Assert.Equal(generation + 1, site.Manager.ReadArtifacts()!.Generation);
    }

    [Fact]
    public async Task A_repeat_answers_the_recorded_outcome_without_doing_anything_even_after_a_restart()
    {
        await using var site = await TestSite.CreateAsync();
        var first = await site.Manager.ApplyNetworkChangeAsync("op-1", OamSecondary);
        var events = site.Manager.Events.LastSequence;

        var again = await site.Manager.ApplyNetworkChangeAsync("op-1", OamSecondary);
        Assert.True(again.Replayed);
        Assert.Empty(again.Changes);
        Assert.Equal(first.ConfigTarget, again.ConfigTarget);
        Assert.Equal(Json(first.Results), Json(again.Results));
        Assert.Equal(first.Notices, again.Notices);
        Assert.Equal(events, site.Manager.Events.LastSequence);

        await site.ReopenAsync();
        var afterRestart = await site.Manager.ApplyNetworkChangeAsync("op-1", OamSecondary);
        Assert.True(afterRestart.Replayed);
        Assert.Equal(Json(first.Results), Json(afterRestart.Results));
        Assert.Equal(first.ConfigTarget, afterRestart.ConfigTarget);
        Assert.Single(site.Manager.ListPools(), p => p.Name == "oam-ipv4");
    }

    [Fact]
    public async Task The_same_operation_id_with_other_steps_is_refused_as_a_conflict()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.ApplyNetworkChangeAsync("op-1", OamSecondary);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            site.Manager.ApplyNetworkChangeAsync("op-1", [new NetworkChangeStep.AddPool(TestSite.ClusterServiceIpv4)]));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal("operation_id", refused.Errors[0].Field);
        Assert.Contains("op-1", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Manager.ListPools(), p => p.Name == "cluster-service-ipv4");
    }

    [Fact]
    public async Task N33_a_failing_step_changes_nothing_names_the_step_and_the_id_can_be_used_again()
    {
        await using var site = await TestSite.CreateAsync();
        var before = site.Manager.GetSite();

        var refused = await Assert.ThrowsAsync<DomainException>(() => site.Manager.ApplyNetworkChangeAsync("op-1",
        [
            new NetworkChangeStep.AddPool(TestSite.OamIpv4),
            new NetworkChangeStep.AssignPool("no-such-network", "oam-ipv4"),
        ]));

        Assert.StartsWith("steps[1].", refused.Errors[0].Field, StringComparison.Ordinal);
        Assert.Contains("step 2 (network-addrpool-assign)", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Manager.ListPools(), p => p.Name == "oam-ipv4");
        Assert.Equal(before.ConfigGeneration, site.Manager.GetSite().ConfigGeneration);

        var outcome = await site.Manager.ApplyNetworkChangeAsync("op-1", OamSecondary);
        Assert.False(outcome.Replayed);
    }

    [Fact]
    public async Task A_dry_run_reports_the_outcome_and_changes_or_records_nothing()
    {
        await using var site = await TestSite.CreateAsync();
        var generation = site.Manager.GetSite().ConfigGeneration;

        var dry = await site.Manager.ApplyNetworkChangeAsync("op-1", OamSecondary, dryRun: true);

        Assert.True(dry.DryRun);
        Assert.Equal(2, dry.Results.Count);
        Assert.DoesNotContain(site.Manager.ListPools(), p => p.Name == "oam-ipv4");
        Assert.Empty(site.Manager.ListAlarms());
        Assert.Equal(generation, site.Manager.GetSite().ConfigGeneration);

        var real = await site.Manager.ApplyNetworkChangeAsync("op-1", OamSecondary);
        Assert.False(real.Replayed);
        Assert.Single(site.Manager.ListPools(), p => p.Name == "oam-ipv4");
    }

    [Fact]
    public async Task N27_the_cluster_pools_in_one_change_switch_kubernetes_to_dual_stack_once_and_publish_network_events()
    {
        await using var site = await TestSite.CreateAsync();
        var after = site.Manager.Events.LastSequence;

        var outcome = await site.Manager.ApplyNetworkChangeAsync("cluster-dual",
        [
            new NetworkChangeStep.AddPool(TestSite.OamIpv4),
            new NetworkChangeStep.AssignPool("oam", "oam-ipv4"),
            new NetworkChangeStep.AddPool(TestSite.ClusterHostIpv4),
            new NetworkChangeStep.AssignPool("cluster-host", "cluster-host-ipv4"),
            new NetworkChangeStep.AddPool(TestSite.ClusterPodIpv4),
            new NetworkChangeStep.AssignPool("cluster-pod", "cluster-pod-ipv4"),
            new NetworkChangeStep.AddPool(TestSite.ClusterServiceIpv4),
            new NetworkChangeStep.AssignPool("cluster-service", "cluster-service-ipv4"),
        ]);

        Assert.True(site.Manager.GetSite().KubernetesDualStack);
        Assert.Equal(4, outcome.Changes.Count);
        Assert.Single(outcome.Changes, c => c.Kubernetes == KubernetesTransition.DualStackOn);
        Assert.Equal(4, site.Manager.Events.Since(after).Count(e => e.Kind == SiteEventKind.NetworkChanged));
    }

    [Fact]
    public async Task An_empty_operation_id_and_no_steps_are_both_reported()
    {
        await using var site = await TestSite.CreateAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => site.Manager.ApplyNetworkChangeAsync(" ", []));

        Assert.Equal(["operation_id", "steps"], refused.Errors.Select(e => e.Field));
        Assert.Equal(ErrorKind.Invalid, refused.Kind);
    }
}
