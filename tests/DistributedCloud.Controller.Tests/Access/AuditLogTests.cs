using DistributedCloud.Controller.Core.Access;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Tokens;
using DistributedCloud.Site.Hosting.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Tests.Access;

/// <summary>The audit log (S-8): appended events, refusals folded per minute, no secrets, never failing the call, listing, retention.</summary>
public sealed class AuditLogTests
{
    private const string AddSubcloud = "/distributedcloud.controller.v1.SystemController/AddSubcloud";
    private const string DeleteSubcloud = "/distributedcloud.controller.v1.SystemController/DeleteSubcloud";

    private static AccessEvent Done(DateTimeOffset time, string identity = "alice", string method = AddSubcloud, string? target = "subcloud1") =>
        new(time, identity, AdminRoles.Admin, "2001:db8::10", method, target, "req-1", AccessOutcome.Done, null);

    private static AccessEvent Refused(DateTimeOffset time, string identity = "mallory", string source = "2001:db8::66", string reason = "PermissionDenied: needs the admin role") =>
        new(time, identity, AdminRoles.Reader, source, DeleteSubcloud, "subcloud1", "req-2", AccessOutcome.Refused, reason);

    [Fact]
    public async Task S8_a_done_call_is_appended_with_every_field_and_logged_once()
    {
        await using var db = await TempDatabase.CreateAsync();
        var logger = new RecordingLogger<AuditLog>();
        var audit = new AuditLog(db.Database, logger);

        await audit.RecordAsync(Done(Fleet.Start.AddSeconds(1.5)), CancellationToken.None);

        var entry = Assert.Single(await audit.ListAsync());
        Assert.Equal(new AuditEntry(entry.Id, Fleet.Start.AddSeconds(1.5), "alice", "admin", "2001:db8::10", AddSubcloud, "subcloud1", "req-1", AccessOutcome.Done, null, 1), entry);
        var logged = Assert.Single(logger.Entries);
        Assert.Equal((6070, LogLevel.Information), (logged.Id.Id, logged.Level));
        Assert.Contains(logged.Values, v => v.Key == "Identity" && (string?)v.Value == "alice");
        Assert.Contains(logged.Values, v => v.Key == "Target" && (string?)v.Value == "subcloud1");
    }

    [Fact]
    public async Task S8_a_flood_of_one_refusal_within_a_minute_is_one_row_with_its_count()
    {
        await using var db = await TempDatabase.CreateAsync();
        var audit = new AuditLog(db.Database);
        var minute = Fleet.Start.AddMinutes(1);

        for (var i = 0; i < 300; i++)
        {
            await audit.RecordAsync(Refused(minute.AddMilliseconds(i * 199)), CancellationToken.None);
        }

        var row = Assert.Single(await audit.ListAsync());
        Assert.Equal((AccessOutcome.Refused, 300, minute), (row.Outcome, row.Count, row.Time));
    }

    [Fact]
    public async Task S8_refusals_are_folded_only_with_the_same_source_identity_method_and_reason_in_the_same_utc_minute()
    {
        await using var db = await TempDatabase.CreateAsync();
        var audit = new AuditLog(db.Database);
        var minute = Fleet.Start;

        await audit.RecordAsync(Refused(minute), CancellationToken.None);
        await audit.RecordAsync(Refused(minute.AddSeconds(59.999)), CancellationToken.None);
        await audit.RecordAsync(Refused(minute.AddSeconds(60)), CancellationToken.None);
        await audit.RecordAsync(Refused(minute.AddSeconds(1), source: "2001:db8::67"), CancellationToken.None);
        await audit.RecordAsync(Refused(minute.AddSeconds(1), identity: "eve"), CancellationToken.None);
        await audit.RecordAsync(Refused(minute.AddSeconds(1), reason: "Unauthenticated: no credentials"), CancellationToken.None);
        await audit.RecordAsync(Done(minute.AddSeconds(2)), CancellationToken.None);
        await audit.RecordAsync(Done(minute.AddSeconds(3)), CancellationToken.None);

        var rows = await audit.ListAsync();

        Assert.Equal(7, rows.Count);
        Assert.Equal(2, Assert.Single(rows, r => r.Outcome == AccessOutcome.Refused && r.Time == minute).Count);
        Assert.Equal(1, Assert.Single(rows, r => r.Time == minute.AddSeconds(60)).Count);
        Assert.All(rows.Where(r => r.Outcome == AccessOutcome.Done), r => Assert.Equal(1, r.Count));
    }

    [Fact]
    public async Task S8_a_repeated_refusal_is_logged_at_debug_with_the_count_after_the_first_warning()
    {
        await using var db = await TempDatabase.CreateAsync();
        var logger = new RecordingLogger<AuditLog>();
        var audit = new AuditLog(db.Database, logger);

        await audit.RecordAsync(Refused(Fleet.Start), CancellationToken.None);
        await audit.RecordAsync(Refused(Fleet.Start.AddSeconds(1)), CancellationToken.None);

        Assert.Equal([(6071, LogLevel.Warning), (6072, LogLevel.Debug)], logger.Entries.Select(e => (e.Id.Id, e.Level)));
        Assert.Contains(logger.Entries.Last().Values, v => v.Key == "Count" && (int?)v.Value == 2);
    }

    [Fact]
    public async Task S8_no_token_reaches_the_table_or_the_log()
    {
        await using var db = await TempDatabase.CreateAsync();
        var logger = new RecordingLogger<AuditLog>();
        var audit = new AuditLog(db.Database, logger);
        var secret = SecretToken.NewAdminToken();
        var other = SecretToken.NewAdminToken();

        await audit.RecordAsync(new AccessEvent(Fleet.Start, secret, null, "::1", AddSubcloud, $"x {other}", $"authorization: Bearer {other}",
            AccessOutcome.Refused, $"Unauthenticated: token {secret} is unknown"), CancellationToken.None);

        var dump = db.Dump();
        var entry = Assert.Single(await audit.ListAsync());
        foreach (var token in new[] { secret, other })
        {
            Assert.DoesNotContain(token[SecretToken.AdminPrefix.Length..], dump, StringComparison.Ordinal);
            Assert.All(logger.Entries, e => Assert.DoesNotContain(token[SecretToken.AdminPrefix.Length..], e.Message, StringComparison.Ordinal));
        }

        Assert.Equal(SecretRedaction.Marker, entry.Identity);
        Assert.Equal("Unauthenticated: token [redacted] is unknown", entry.Reason);
        Assert.Equal("authorization: Bearer [redacted]", entry.RequestId);
    }

    [Fact]
    public async Task S8_texts_are_cut_to_a_bounded_length_without_control_characters()
    {
        await using var db = await TempDatabase.CreateAsync();
        var audit = new AuditLog(db.Database);

        await audit.RecordAsync(Done(Fleet.Start, identity: "line\nbreak", target: new string('t', 5000)), CancellationToken.None);

        var entry = Assert.Single(await audit.ListAsync());
        Assert.Equal("line break", entry.Identity);
        Assert.Equal(200, entry.Target!.Length);
        Assert.EndsWith("...", entry.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S8_recording_never_fails_the_call_when_the_store_cannot_take_the_event()
    {
        await using var db = await TempDatabase.CreateAsync();
        var logger = new RecordingLogger<AuditLog>();
        await using (var connection = new SqliteConnection($"Data Source={db.Database.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE audit_events";
            await drop.ExecuteNonQueryAsync();
        }

        await new AuditLog(db.Database, logger).RecordAsync(Done(Fleet.Start), CancellationToken.None);

        Assert.Contains(logger.Entries, e => e.Id.Id == 6073 && e.Level == LogLevel.Error && e.Exception is not null);
        Assert.Contains(logger.Entries, e => e.Id.Id == 6070);
    }

    [Fact]
    public async Task S8_an_event_before_the_store_is_open_is_logged_not_stored_and_does_not_throw()
    {
        using var directory = new TempDirectory("dc-audit-closed");
        using var closed = ControllerDatabase.Create(directory.PathOf("controller.db"));
        var logger = new RecordingLogger<AuditLog>();

        await new AuditLog(closed, logger).RecordAsync(Refused(Fleet.Start), CancellationToken.None);

        Assert.Equal([6074, 6071], logger.Entries.Select(e => e.Id.Id));
        Assert.False(File.Exists(directory.PathOf("controller.db")));
    }

    [Fact]
    public async Task S8_a_cancelled_call_is_recorded_all_the_same()
    {
        await using var db = await TempDatabase.CreateAsync();
        var audit = new AuditLog(db.Database);

        await audit.RecordAsync(Done(Fleet.Start), new CancellationToken(canceled: true));

        Assert.Single(await audit.ListAsync());
    }

    [Fact]
    public async Task S8_the_list_is_newest_first_and_filters_by_since_identity_target_and_limit()
    {
        await using var db = await TempDatabase.CreateAsync();
        var audit = new AuditLog(db.Database);
        await audit.RecordAsync(Done(Fleet.Start, "alice", target: "subcloud1"), CancellationToken.None);
        await audit.RecordAsync(Done(Fleet.Start.AddMinutes(1), "bob", target: "subcloud2"), CancellationToken.None);
        await audit.RecordAsync(Done(Fleet.Start.AddMinutes(2), "alice", target: "subcloud2"), CancellationToken.None);
        await audit.RecordAsync(Done(Fleet.Start.AddMinutes(3).AddMilliseconds(250), "alice", target: "subcloud1"), CancellationToken.None);

        Assert.Equal([3, 2, 1, 0], (await audit.ListAsync()).Select(e => (int)(e.Time - Fleet.Start).TotalMinutes));
        Assert.Equal([3, 2], (await audit.ListAsync(since: Fleet.Start.AddMinutes(2))).Select(e => (int)(e.Time - Fleet.Start).TotalMinutes));
        Assert.Equal([3], (await audit.ListAsync(since: Fleet.Start.AddMinutes(3).AddMilliseconds(250))).Select(e => (int)(e.Time - Fleet.Start).TotalMinutes));
        Assert.Equal([3, 2, 0], (await audit.ListAsync(identity: "alice")).Select(e => (int)(e.Time - Fleet.Start).TotalMinutes));
        Assert.Equal([2, 1], (await audit.ListAsync(target: "subcloud2")).Select(e => (int)(e.Time - Fleet.Start).TotalMinutes));
        Assert.Equal([2], (await audit.ListAsync(identity: "alice", target: "subcloud2")).Select(e => (int)(e.Time - Fleet.Start).TotalMinutes));
        Assert.Equal([3, 2], (await audit.ListAsync(limit: 2)).Select(e => (int)(e.Time - Fleet.Start).TotalMinutes));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(AuditLog.MaxLimit + 1)]
    public async Task S8_a_limit_out_of_range_is_refused_naming_the_field(int limit)
    {
        await using var db = await TempDatabase.CreateAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => new AuditLog(db.Database).ListAsync(limit: limit));

        Assert.Equal(("S-8", "limit", ErrorKind.Invalid), (refused.Errors[0].Rule, refused.Errors[0].Field, refused.Kind));
    }

    [Fact]
    public async Task S8_retention_deletes_only_the_events_older_than_the_cutoff()
    {
        await using var db = await TempDatabase.CreateAsync();
        var audit = new AuditLog(db.Database);
        await audit.RecordAsync(Done(Fleet.Start.AddDays(-91)), CancellationToken.None);
        await audit.RecordAsync(Refused(Fleet.Start.AddDays(-90).AddSeconds(-1)), CancellationToken.None);
        await audit.RecordAsync(Done(Fleet.Start.AddDays(-90)), CancellationToken.None);
        await audit.RecordAsync(Done(Fleet.Start), CancellationToken.None);

        var deleted = await audit.DeleteOlderThanAsync(Fleet.Start.AddDays(-90));

        Assert.Equal(2, deleted);
        Assert.Equal([Fleet.Start, Fleet.Start.AddDays(-90)], (await audit.ListAsync()).Select(e => e.Time));
    }

    [Fact]
    public async Task S8_the_retention_service_prunes_at_start_and_again_after_each_sweep_interval()
    {
        await using var db = await TempDatabase.CreateAsync();
        var audit = new AuditLog(db.Database);
        await audit.RecordAsync(Done(Fleet.Start.AddDays(-2)), CancellationToken.None);
        await audit.RecordAsync(Done(Fleet.Start.AddHours(-12)), CancellationToken.None);
        using var retention = new AuditRetention(audit, new AuditLogOptions { Retention = TimeSpan.FromDays(1) }, db.Time, sweepInterval: TimeSpan.FromHours(1));

        await retention.StartAsync(CancellationToken.None);
        await Eventually.WaitAsync(() => audit.ListAsync(), events => events.Count == 1, "the pruning at start");
        await Eventually.WaitAsync(async () =>
        {
            db.Time.Advance(TimeSpan.FromMinutes(30));
            return await audit.ListAsync();
        }, events => events.Count == 0, "the pruning of a later sweep");
        await retention.StopAsync(CancellationToken.None);

        Assert.True(db.Time.GetUtcNow() > Fleet.Start.AddHours(12));
    }

    [Fact]
    public void S8_retention_defaults_to_90_days_and_reads_the_products_duration_format()
    {
        DurationConverter.Register();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AuditLog:Retention"] = "30d" }).Build();

        Assert.Equal(TimeSpan.FromDays(90), new AuditLogOptions().Retention);
        Assert.Equal(TimeSpan.FromDays(30), configuration.GetSection(AuditLogOptions.Section).Get<AuditLogOptions>()!.Retention);
    }

    [Fact]
    public void S8_every_bad_audit_log_key_is_listed_at_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AuditLog:Retention"] = "30m",
            ["AuditLog:Retension"] = "90d",
        }).Build();

        var result = new AuditLogOptionsValidator(configuration).Validate(null, new AuditLogOptions { Retention = TimeSpan.FromMinutes(30) });

        Assert.True(result.Failed);
        Assert.Collection(result.Failures!,
            f => Assert.StartsWith("AuditLog:Retention is 00:30:00; keep audit events at least 1h", f, StringComparison.Ordinal),
            f => Assert.StartsWith("AuditLog:Retension is not a setting; AuditLog takes Retention", f, StringComparison.Ordinal));
    }
}
