using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Alarms;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Tests.Support;

namespace DistributedCloud.Controller.Tests.Audit;

/// <summary>D-7: the agent's reported site against what the controller expects, per endpoint, and 280.002.</summary>
public sealed class SyncComparerTests
{
    private static Subcloud Duplex() => Fleet.Ready(Fleet.Admit("dx", Fleet.Ipv6(2, "duplex"), Fleet.Agent6(2)));

    [Fact]
    public void D7_a_site_that_matches_is_in_sync_on_every_endpoint()
    {
        var subcloud = Duplex();
        var report = SyncComparer.Compare(ExpectedSite.Of(subcloud), ReportedSites.SiteOf(subcloud));
        Assert.Equal(SyncStatus.InSync, report.Status.Overall);
        Assert.Empty(report.Differences);
    }

    [Fact]
    public void D7_a_network_with_a_secondary_the_controller_does_not_expect_is_out_of_sync_on_platform_network_and_kubernetes()
    {
        var subcloud = Duplex();
        var site = ReportedSites.SiteOf(subcloud);
        foreach (var type in new[] { "oam", "cluster-host", "cluster-pod", "cluster-service" })
        {
            site.Networks.Single(n => n.Type == type).Pools.Add(new AddressPool { Network = "10.99.0.0", Prefix = 24 });
        }

        var report = SyncComparer.Compare(ExpectedSite.Of(subcloud), site);

        Assert.Equal(SyncStatus.OutOfSync, report.Status[SyncEndpoints.PlatformNetwork]);
        Assert.Equal(SyncStatus.OutOfSync, report.Status[SyncEndpoints.Kubernetes]);
        Assert.Equal(SyncStatus.InSync, report.Status[SyncEndpoints.Hosts]);
        Assert.Contains(report.Differences, d => d.Contains("network oam has fd00:2::/64, 10.99.0.0/24, expected fd00:2::/64", StringComparison.Ordinal));
    }

    [Fact]
    public void D7_a_missing_host_or_a_config_out_of_date_host_is_out_of_sync_on_hosts()
    {
        var subcloud = Duplex();
        var site = ReportedSites.SiteOf(subcloud);
        site.Hosts.Remove(site.Hosts.Single(h => h.Hostname == "controller-1"));
        site.Hosts[0].ConfigOutOfDate = true;

        var report = SyncComparer.Compare(ExpectedSite.Of(subcloud), site);

        Assert.Equal(SyncStatus.OutOfSync, report.Status[SyncEndpoints.Hosts]);
        Assert.Equal(SyncStatus.InSync, report.Status[SyncEndpoints.PlatformNetwork]);
        Assert.Contains("hosts: host controller-1 is missing", report.Differences);
        Assert.Contains("hosts: host controller-0 is config out-of-date", report.Differences);
    }

    [Fact]
    public void D7_an_out_of_sync_sync_audit_raises_280_002_and_a_matching_one_clears_it()
    {
        var subcloud = Duplex();
        var options = new AuditOptions();
        var bad = ReportedSites.SiteOf(subcloud);
        bad.Hosts[0].ConfigOutOfDate = true;

        var outcome = SubcloudAuditor.Apply(subcloud, AuditKind.Sync, AgentProbe.Answered(bad), Fleet.Start, options);
        var raised = Assert.Single(outcome.Alarms, a => !a.Cleared);
        Assert.Equal(SubcloudAlarmIds.OutOfSync, raised.Alarm.AlarmId);
        Assert.Contains("hosts", raised.Alarm.Reason, StringComparison.Ordinal);
        Assert.Equal(SyncStatus.OutOfSync, outcome.Subcloud.OverallSync);

        var fixedOutcome = SubcloudAuditor.Apply(outcome.Subcloud, AuditKind.Sync, AgentProbe.Answered(ReportedSites.SiteOf(subcloud)), Fleet.Start, options);
        Assert.Contains(fixedOutcome.Alarms, a => a.Cleared && a.Alarm.AlarmId == SubcloudAlarmIds.OutOfSync);
        Assert.Equal(SyncStatus.InSync, fixedOutcome.Subcloud.OverallSync);
    }

    [Fact]
    public void D3_an_unmanaged_subcloud_is_not_compared_its_endpoints_stay_unknown()
    {
        var subcloud = SubcloudRules.Unmanage(Duplex());
        var outcome = SubcloudAuditor.Apply(subcloud, AuditKind.Sync, AgentProbe.Answered(new Contracts.Agent.V1.Site()), Fleet.Start, new AuditOptions());
        Assert.Equal(SyncStatus.Unknown, outcome.Subcloud.OverallSync);
        Assert.Null(outcome.Sync);
    }
}
