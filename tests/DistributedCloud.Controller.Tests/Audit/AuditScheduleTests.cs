using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DistributedCloud.Controller.Tests.Audit;

/// <summary>D-5, D-8, D-9: audits spread over the interval, a clock per kind, full audit on demand.</summary>
public sealed class AuditScheduleTests
{
    [Fact]
    public void D8_a_thousand_subclouds_are_spread_over_the_interval_not_fired_at_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new AuditOptions();
        var schedule = new AuditSchedule(options, time);
        for (var i = 0; i < 1000; i++)
        {
            schedule.Add($"subcloud{i}");
        }

        // Ten slices of 3 s: each gets roughly a tenth of the audits, none gets them all.
        var counts = new List<int>();
        for (var slice = 0; slice < 10; slice++)
        {
            time.Advance(TimeSpan.FromSeconds(3));
            var due = schedule.Due().Where(d => d.Kind == AuditKind.Availability).ToArray();
            counts.Add(due.Length);
            foreach (var (subcloud, kind) in due)
            {
                schedule.Completed(subcloud, kind);
            }
        }

        Assert.Equal(1000, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 50, 150));
    }

    [Fact]
    public void D9_each_audit_kind_has_its_own_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new AuditOptions { AvailabilityInterval = TimeSpan.FromSeconds(30), SyncInterval = TimeSpan.FromSeconds(120) };
        var schedule = new AuditSchedule(options, time);
        schedule.Add("sub1");
        time.Advance(TimeSpan.FromSeconds(120));
        foreach (var (subcloud, kind) in schedule.Due())
        {
            schedule.Completed(subcloud, kind);
        }

        var availability = schedule.NextDue("sub1", AuditKind.Availability)!.Value;
        var sync = schedule.NextDue("sub1", AuditKind.Sync)!.Value;
        Assert.InRange(availability - time.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.InRange(sync - time.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromSeconds(120));

        // Completing one kind never moves the other.
        time.Advance(TimeSpan.FromSeconds(30));
        schedule.Completed("sub1", AuditKind.Availability);
        Assert.Equal(sync, schedule.NextDue("sub1", AuditKind.Sync));
    }

    [Fact]
    public void D6_a_full_audit_makes_every_kind_due_now()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var schedule = new AuditSchedule(new AuditOptions(), time);
        schedule.Add("sub1");
        schedule.RequestFull("sub1");

        Assert.Equal([("sub1", AuditKind.Availability), ("sub1", AuditKind.Sync)], schedule.Due().OrderBy(d => d.Kind));
    }

    [Fact]
    public void D8_the_offset_is_stable_and_inside_the_interval()
    {
        var interval = TimeSpan.FromSeconds(30);
        var offset = AuditSchedule.Offset("sub1", AuditKind.Sync, interval);
        Assert.Equal(offset, AuditSchedule.Offset("sub1", AuditKind.Sync, interval));
        Assert.InRange(offset, TimeSpan.Zero, interval - TimeSpan.FromTicks(1));
    }
}
