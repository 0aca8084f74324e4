using DistributedCloud.Controller.Core.Alarms;
using DistributedCloud.Controller.Core.Subclouds;

namespace DistributedCloud.Controller.Core.Audit;

/// <summary>
/// Applies one audit's probe to a subcloud (D-6, D-7), pure:
/// <list type="bullet">
/// <item>availability hysteresis: an online subcloud goes offline only after <see cref="AuditOptions.FailuresBeforeOffline"/>
/// consecutive failures; one success resets the count; offline raises 280.001 and sets every endpoint unknown; coming
/// back clears it and asks for a full audit at once;</item>
/// <item>an answer means the agent is deployed (D-2: deploy status complete);</item>
/// <item>a sync audit of a managed, online subcloud compares the reported site with the expected one and raises or
/// clears 280.002; an unmanaged subcloud's endpoints stay unknown (D-3).</item>
/// </list>
/// </summary>
public static class SubcloudAuditor
{
    public static AuditOutcome Apply(Subcloud subcloud, AuditKind kind, AgentProbe probe, DateTimeOffset now, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(options);
        var alarms = new List<AlarmChange>();
        var entity = SubcloudAlarmIds.Entity(subcloud.Name);

        if (!probe.Succeeded)
        {
            var failures = Math.Min(subcloud.AuditFailures + 1, options.FailuresBeforeOffline);
            var updated = subcloud with { AuditFailures = failures, LastAudit = now, Error = probe.Failure };
            if (subcloud.Availability == SubcloudAvailability.Online && failures >= options.FailuresBeforeOffline)
            {
                updated = updated with { Availability = SubcloudAvailability.Offline, Sync = EndpointSyncStatus.AllUnknown };
                alarms.Add(AlarmChange.Raise(SubcloudAlarms.Offline(subcloud.Name, probe.Failure, now)));
                alarms.Add(AlarmChange.Clear(SubcloudAlarmIds.OutOfSync, entity, now));
                return new AuditOutcome(updated, alarms, false, AvailabilityTransition.WentOffline, null);
            }

            return new AuditOutcome(updated, alarms, false, AvailabilityTransition.None, null);
        }

        var transition = AvailabilityTransition.None;
        var result = subcloud with
        {
            AuditFailures = 0,
            LastAudit = now,
            Error = null,
            DeployStatus = DeployStatus.Complete,
            Release = string.IsNullOrEmpty(probe.Site!.Release) ? subcloud.Release : probe.Site.Release,
        };
        if (subcloud.Availability == SubcloudAvailability.Offline)
        {
            transition = AvailabilityTransition.CameOnline;
            result = result with { Availability = SubcloudAvailability.Online };
            alarms.Add(AlarmChange.Clear(SubcloudAlarmIds.Offline, entity, now));
        }

        SyncReport? report = null;
        if (kind == AuditKind.Sync || transition == AvailabilityTransition.CameOnline)
        {
            if (result.Management == ManagementState.Managed)
            {
                report = SyncComparer.Compare(ExpectedSite.Of(result), probe.Site);
                result = result with { Sync = report.Status };
                alarms.Add(report.Status.Overall == SyncStatus.OutOfSync
                    ? AlarmChange.Raise(SubcloudAlarms.OutOfSync(result.Name, report.OutOfSyncEndpoints, now))
                    : AlarmChange.Clear(SubcloudAlarmIds.OutOfSync, entity, now));
                if (report.Differences.Count > 0)
                {
                    result = result with { Error = string.Join("; ", report.Differences) };
                }
            }
            else
            {
                result = result with { Sync = EndpointSyncStatus.AllUnknown };
                alarms.Add(AlarmChange.Clear(SubcloudAlarmIds.OutOfSync, entity, now));
            }
        }

        return new AuditOutcome(result, alarms, transition == AvailabilityTransition.CameOnline, transition, report);
    }
}
