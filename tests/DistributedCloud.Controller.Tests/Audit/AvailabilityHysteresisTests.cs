using DistributedCloud.Controller.Core.Alarms;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DistributedCloud.Controller.Tests.Audit;

/// <summary>D-6: availability hysteresis, alarms 280.001/280.002, full audit on return; time from a fake TimeProvider.</summary>
public sealed class AvailabilityHysteresisTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly AuditOptions _options = new();

    private Subcloud Online() => Fleet.Ready(Fleet.Admit("sub1", Fleet.Ipv6(1), Fleet.Agent6(1)));

    private AuditOutcome Audit(Subcloud subcloud, AgentProbe probe, AuditKind kind = AuditKind.Availability)
    {
        _time.Advance(_options.AvailabilityInterval);
        return SubcloudAuditor.Apply(subcloud, kind, probe, _time.GetUtcNow(), _options);
    }

    [Fact]
    public void D6_one_failed_audit_leaves_an_online_subcloud_online()
    {
        var outcome = Audit(Online(), AgentProbe.Failed("deadline exceeded"));

        Assert.Equal(SubcloudAvailability.Online, outcome.Subcloud.Availability);
        Assert.Equal(1, outcome.Subcloud.AuditFailures);
        Assert.Empty(outcome.Alarms);
        Assert.Equal(AvailabilityTransition.None, outcome.Transition);
        Assert.Equal(_time.GetUtcNow(), outcome.Subcloud.LastAudit);
    }

    [Fact]
    public void D6_two_consecutive_failures_make_it_offline_raise_280_001_and_set_every_endpoint_unknown()
    {
        var first = Audit(Online(), AgentProbe.Failed("unavailable"));
        var second = Audit(first.Subcloud, AgentProbe.Failed("unavailable"));

        Assert.Equal(SubcloudAvailability.Offline, second.Subcloud.Availability);
        Assert.Equal(AvailabilityTransition.WentOffline, second.Transition);
        Assert.All(second.Subcloud.Sync.Endpoints.Values, s => Assert.Equal(SyncStatus.Unknown, s));
        var raised = Assert.Single(second.Alarms, a => !a.Cleared);
        Assert.Equal(SubcloudAlarmIds.Offline, raised.Alarm.AlarmId);
        Assert.Equal("subcloud=sub1", raised.Alarm.Entity);
        Assert.Equal(_time.GetUtcNow(), raised.Alarm.RaisedAt);
    }

    [Fact]
    public void D6_one_success_resets_the_failure_count()
    {
        var failed = Audit(Online(), AgentProbe.Failed("unavailable"));
        var answered = Audit(failed.Subcloud, AgentProbe.Answered(ReportedSites.SiteOf(failed.Subcloud)));
        var failedAgain = Audit(answered.Subcloud, AgentProbe.Failed("unavailable"));

        Assert.Equal(0, answered.Subcloud.AuditFailures);
        Assert.Equal(SubcloudAvailability.Online, failedAgain.Subcloud.Availability);
        Assert.Equal(1, failedAgain.Subcloud.AuditFailures);
    }

    [Fact]
    public void D6_coming_back_clears_280_001_and_asks_for_a_full_audit_at_once()
    {
        var offline = Audit(Audit(Online(), AgentProbe.Failed("x")).Subcloud, AgentProbe.Failed("x")).Subcloud;
        var back = Audit(offline, AgentProbe.Answered(ReportedSites.SiteOf(offline)));

        Assert.Equal(SubcloudAvailability.Online, back.Subcloud.Availability);
        Assert.Equal(AvailabilityTransition.CameOnline, back.Transition);
        Assert.True(back.FullAuditRequested);
        Assert.Contains(back.Alarms, a => a.Cleared && a.Alarm.AlarmId == SubcloudAlarmIds.Offline);
        Assert.Equal(SyncStatus.InSync, back.Subcloud.OverallSync);
    }

    [Fact]
    public void D2_a_first_answer_marks_the_subcloud_deployed_and_online()
    {
        var fresh = Fleet.Admit("sub1", Fleet.Ipv6(1), Fleet.Agent6(1));
        var outcome = Audit(fresh, AgentProbe.Answered(ReportedSites.SiteOf(fresh)));

        Assert.Equal(DeployStatus.Complete, outcome.Subcloud.DeployStatus);
        Assert.Equal(SubcloudAvailability.Online, outcome.Subcloud.Availability);
        Assert.Equal(SyncStatus.Unknown, outcome.Subcloud.OverallSync);
    }

    [Fact]
    public void D6_a_subcloud_that_was_never_online_raises_no_offline_alarm()
    {
        var fresh = Fleet.Admit("sub1", Fleet.Ipv6(1), Fleet.Agent6(1));
        var outcome = Audit(Audit(fresh, AgentProbe.Failed("refused")).Subcloud, AgentProbe.Failed("refused"));

        Assert.Equal(SubcloudAvailability.Offline, outcome.Subcloud.Availability);
        Assert.Empty(outcome.Alarms);
        Assert.Equal("refused", outcome.Subcloud.Error);
    }
}
