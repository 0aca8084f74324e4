using System.Text.Json;
using System.Text.Json.Nodes;
using DistributedCloud.Cli.Commands.Access;
using DistributedCloud.Cli.Tests.Infrastructure;
using DistributedCloud.Contracts.Controller.V1;
using Google.Protobuf.WellKnownTypes;

namespace DistributedCloud.Cli.Tests.Access;

/// <summary><c>dcctl token</c> (S-7) and <c>dcctl audit list</c> (S-8) against a stand-in controller: what is sent, what is printed.</summary>
public sealed class AccessCommandTests
{
    private static readonly DateTimeOffset Noon = StandInController.CreatedAt;

    private static AdminToken Token(string name, AdminRole role, TokenState state, DateTimeOffset? expires = null) => new()
    {
        Name = name, Role = role, State = state, CreatedAt = Timestamp.FromDateTimeOffset(Noon), CreatedBy = "bootstrap",
        ExpiresAt = expires is { } e ? Timestamp.FromDateTimeOffset(e) : null,
    };

    private static AuditEvent Event(long id, string method, AccessOutcome outcome, int count = 1, string reason = "") => new()
    {
        Id = id, Time = Timestamp.FromDateTimeOffset(Noon.AddSeconds(id)), Identity = "alice", Role = "admin", Source = "2001:db8::10",
        Method = method, Target = "subcloud1", RequestId = $"req-{id}", Outcome = outcome, Reason = reason, Count = count,
    };

    [Fact]
    public async Task S7_token_create_sends_name_role_and_expiry_and_prints_the_token_once_with_a_warning()
    {
        await using var server = await StandInServer.StartAsync();

        var result = await Dcctl.RunAsync("--controller", server.Address, "token", "create", "ci", "--role", "operator", "--expires", "30d");

        Assert.Equal(ExitCodes.Success, result.Code);
        var sent = Assert.Single(server.Controller.Received<CreateTokenRequest>());
        Assert.Equal(("ci", AdminRole.Operator, TimeSpan.FromDays(30)), (sent.Name, sent.Role, sent.ExpiresIn.ToTimeSpan()));
        Assert.Equal(2, result.Out.Split(StandInController.Secret).Length);
        Assert.Matches(@"\| token +\| dcat_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG \|", result.Out);
        Assert.Contains("only time the token is shown", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(StandInController.Secret, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S7_token_create_json_is_data_only_with_snake_case_keys_and_the_token()
    {
        await using var server = await StandInServer.StartAsync();

        var result = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "token", "create", "ops", "--role", "admin");

        Assert.Equal(ExitCodes.Success, result.Code);
        var document = JsonNode.Parse(result.Out)!.AsObject();
        Assert.Equal(["name", "role", "state", "created_at", "created_by", "expires_at", "revoked_at", "token"], document.Select(p => p.Key));
        Assert.Equal(("ops", "admin", "active", StandInController.Secret), ((string?)document["name"], (string?)document["role"], (string?)document["state"], (string?)document["token"]));
        Assert.Equal("2026-03-01T12:00:00.000000Z", (string?)document["created_at"]);
        Assert.Null(document["expires_at"]);
        Assert.Null(Assert.Single(server.Controller.Received<CreateTokenRequest>()).ExpiresIn);
        Assert.Contains("only time the token is shown", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S7_token_create_lists_every_problem_of_its_options_as_a_usage_error_and_sends_nothing()
    {
        await using var server = await StandInServer.StartAsync();

        var bad = await Dcctl.RunAsync("--controller", server.Address, "token", "create", "ci", "--role", "root", "--expires", "soon");
        var missing = await Dcctl.RunAsync("--controller", server.Address, "token", "create", "ci", "--expires", "-1h");

        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage), (bad.Code, missing.Code));
        Assert.Contains("--role 'root' is not one of reader, operator, admin", bad.Error, StringComparison.Ordinal);
        Assert.Contains("--expires 'soon' is not a positive duration", bad.Error, StringComparison.Ordinal);
        Assert.Contains("--role is required", missing.Error, StringComparison.Ordinal);
        Assert.Contains("--expires '-1h' is not a positive duration", missing.Error, StringComparison.Ordinal);
        Assert.Empty(server.Controller.Requests);
    }

    [Fact]
    public async Task S7_token_list_shows_role_and_state_and_its_json_has_nulls_for_what_is_not_set()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Tokens.Add(Token("bootstrap", AdminRole.Admin, TokenState.Active));
        server.Controller.Tokens.Add(Token("ci", AdminRole.Reader, TokenState.Expired, Noon.AddDays(1)));

        var table = await Dcctl.RunAsync("--controller", server.Address, "token", "list");
        var json = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "token", "list");

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (table.Code, json.Code));
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\| name +\| role +\| state +\| created +\| created by \| expires +\| revoked \|$", lines[1]);
        Assert.Matches(@"^\| ci +\| reader \| expired \| 2026-03-01T12:00:00\.000000 \| bootstrap +\| 2026-03-02T12:00:00\.000000 \| None +\|$", lines[4]);
        var array = JsonNode.Parse(json.Out)!.AsArray();
        Assert.Equal(["bootstrap", "ci"], array.Select(t => (string?)t!["name"]));
        Assert.Equal(JsonValueKind.Null, array[0]!["expires_at"]?.GetValueKind() ?? JsonValueKind.Null);
        Assert.Equal("2026-03-02T12:00:00.000000Z", (string?)array[1]!["expires_at"]);
        Assert.DoesNotContain("dcat_", json.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S7_token_revoke_prints_the_name_and_an_unknown_name_exits_1_with_the_reason()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Tokens.Add(Token("ci", AdminRole.Reader, TokenState.Active));

        var revoked = await Dcctl.RunAsync("--controller", server.Address, "token", "revoke", "ci");
        var json = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "token", "revoke", "ci");
        var unknown = await Dcctl.RunAsync("--controller", server.Address, "token", "revoke", "nobody");

        Assert.Equal((ExitCodes.Success, "Revoked token: ci"), (revoked.Code, revoked.Out.Trim()));
        Assert.Equal("revoked", (string?)JsonNode.Parse(json.Out)!["state"]);
        Assert.Equal(ExitCodes.Refused, unknown.Code);
        Assert.Contains("name: no token is named 'nobody'; 'token list' shows them [S-7]", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S8_audit_list_sends_its_filters_with_the_global_subcloud_option_as_the_target()
    {
        await using var server = await StandInServer.StartAsync();
        var before = DateTimeOffset.UtcNow;

        var result = await Dcctl.RunAsync("--controller", server.Address, "audit", "list", "--since", "2h", "--identity", "alice", "--subcloud", "subcloud1", "--limit", "50");

        var after = DateTimeOffset.UtcNow;
        Assert.Equal(ExitCodes.Success, result.Code);
        var sent = Assert.Single(server.Controller.Received<ListAuditEventsRequest>());
        Assert.Equal(("alice", "subcloud1", 50), (sent.Identity, sent.Target, sent.Limit));
        Assert.InRange(sent.Since.ToDateTimeOffset(), before.AddHours(-2).AddSeconds(-1), after.AddHours(-2).AddSeconds(1));
    }

    [Fact]
    public async Task S8_audit_list_without_options_asks_for_everything_and_since_takes_an_iso_time()
    {
        await using var server = await StandInServer.StartAsync();

        await Dcctl.RunAsync("--controller", server.Address, "audit", "list");
        await Dcctl.RunAsync("--controller", server.Address, "audit", "list", "--since", "2026-03-01T12:00:00Z");

        var sent = server.Controller.Received<ListAuditEventsRequest>().ToArray();
        Assert.Equal(new ListAuditEventsRequest(), sent[0]);
        Assert.Equal(Noon, sent[1].Since.ToDateTimeOffset());
    }

    [Fact]
    public async Task S8_audit_list_refuses_a_bad_since_and_limit_at_once_as_a_usage_error()
    {
        await using var server = await StandInServer.StartAsync();

        var result = await Dcctl.RunAsync("--controller", server.Address, "audit", "list", "--since", "yesterday", "--limit", "5000");

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("--since 'yesterday' is not a duration back from now", result.Error, StringComparison.Ordinal);
        Assert.Contains("--limit 5000 is out of range; give 1..1000", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Controller.Requests);
    }

    [Fact]
    public async Task S8_audit_list_prints_a_table_with_the_short_method_and_json_with_numbers_as_numbers()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.AuditEvents.Add(Event(2, "/distributedcloud.controller.v1.SystemController/DeleteSubcloud", AccessOutcome.Refused, 12, "PERMISSION_DENIED: needs admin"));
        server.Controller.AuditEvents.Add(Event(1, "/distributedcloud.controller.v1.SystemController/AddSubcloud", AccessOutcome.Done));

        var table = await Dcctl.RunAsync("--controller", server.Address, "audit", "list");
        var json = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "audit", "list");

        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\| time +\| identity \| role +\| source +\| method +\| target +\| outcome \| count \| reason +\| request id \|$", lines[1]);
        Assert.Matches(@"^\| 2026-03-01T12:00:02\.000000 \| alice +\| admin \| 2001:db8::10 \| SystemController/DeleteSubcloud \| subcloud1 \| refused +\| 12 +\| PERMISSION_DENIED: needs admin \| req-2 +\|$", lines[3]);
        var array = JsonNode.Parse(json.Out)!.AsArray();
        Assert.Equal(["id", "time", "identity", "role", "source", "method", "target", "request_id", "outcome", "reason", "count"], array[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(JsonValueKind.Number, array[0]!["count"]!.GetValueKind());
        Assert.Equal((2L, 12, "refused"), ((long)array[0]!["id"]!, (int)array[0]!["count"]!, (string?)array[0]!["outcome"]));
        Assert.Equal("/distributedcloud.controller.v1.SystemController/AddSubcloud", (string?)array[1]!["method"]);
        Assert.Null(array[1]!["reason"]);
    }

    [Theory]
    [InlineData("30m", "2026-03-01T11:30:00+00:00")]
    [InlineData("7d", "2026-02-22T12:00:00+00:00")]
    [InlineData("2026-02-01", "2026-02-01T00:00:00+00:00")]
    [InlineData("2026-02-01T10:00:00+02:00", "2026-02-01T08:00:00+00:00")]
    public void S8_since_is_a_duration_back_from_now_or_a_time_utc_unless_an_offset_is_given(string text, string expected)
    {
        Assert.True(SinceText.TryParse(text, Noon, out var since));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), since);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("-5m")]
    public void S8_since_refuses_what_is_neither(string text) => Assert.False(SinceText.TryParse(text, Noon, out _));
}
