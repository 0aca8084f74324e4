using DistributedCloud.Controller.Audit;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Diagnostics;
using DistributedCloud.Controller.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistributedCloud.Controller.Tests.HostParts;

/// <summary>The audit loop's sweeps (D-5..D-8) on a real store, with fake agents and a hand-moved clock.</summary>
public sealed class AuditLoopTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private readonly FakeAgentClient _agents = new();
    private TempDatabase _db = null!;
    private SubcloudRegistry _registry = null!;
    private StrategyService _strategies = null!;
    private ControllerHostTelemetry _telemetry = null!;

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync();
        _registry = new SubcloudRegistry(_db.Database, Fleet.ControllerSite());
        _strategies = new StrategyService(_db.Database);
        _telemetry = new ControllerHostTelemetry(null, () => 1);
    }

    public async Task DisposeAsync()
    {
        _telemetry.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_slow_agent_holds_only_its_own_call_until_the_deadline_and_the_others_are_recorded_first_D8()
    {
        await AddAsync(3);
        _agents.Hang("subcloud2");
        using var loop = Loop(maxConcurrency: 50);
        Assert.Equal(0, await loop.SweepAsync(CancellationToken.None)); // scheduled, each at its place in the interval
        _db.Time.Advance(Interval);

        var sweep = loop.SweepAsync(CancellationToken.None);

        // The two answering agents are recorded online while the third still has not answered.
        await Until(async () => (await _registry.GetAsync("subcloud1")).Availability == SubcloudAvailability.Online
            && (await _registry.GetAsync("subcloud3")).Availability == SubcloudAvailability.Online);
        var hung = Assert.Single(_agents.Hung);
        Assert.False(hung.Token.IsCancellationRequested);
        Assert.False(sweep.IsCompleted);

        // Its deadline passes (on the loop's clock): the call is cancelled and recorded as a failure.
        _db.Time.Advance(CallTimeout);
        Assert.Equal(3, await sweep.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(hung.Token.IsCancellationRequested);
        var slow = await _registry.GetAsync("subcloud2");
        Assert.Equal((SubcloudAvailability.Offline, DeployStatus.NotDeployed), (slow.Availability, slow.DeployStatus));
        Assert.Contains("deadline", slow.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_more_than_MaxConcurrency_agent_calls_run_at_once_D8()
    {
        await AddAsync(6);
        using var gate = new SemaphoreSlim(0);
        _agents.Gate = gate;
        using var loop = Loop(maxConcurrency: 2);
        Assert.Equal(0, await loop.SweepAsync(CancellationToken.None));
        _db.Time.Advance(Interval);

        var sweep = loop.SweepAsync(CancellationToken.None);
        for (var released = 0; released < 6; released++)
        {
            // Open the gate for one call each time two are waiting (or the last one is).
            await Until(() => Task.FromResult(_agents.InFlight == Math.Min(2, 6 - released)));
            gate.Release();
        }

        Assert.Equal(6, await sweep.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(6, _agents.Called.Count);
        Assert.Equal(2, _agents.MaxInFlight);
    }

    [Fact]
    public async Task An_online_subcloud_goes_offline_only_at_the_second_failed_audit_and_comes_back_at_the_first_answer_D6()
    {
        await AddAsync(1);
        using var loop = Loop(maxConcurrency: 50);
        loop.AuditNow("subcloud1");
        await loop.SweepAsync(CancellationToken.None);
        Assert.Equal(SubcloudAvailability.Online, (await _registry.GetAsync("subcloud1")).Availability);

        _agents.Down("subcloud1");
        await SweepWhenDueAsync(loop);
        Assert.Equal(SubcloudAvailability.Online, (await _registry.GetAsync("subcloud1")).Availability);
        Assert.Empty(await _registry.ListAlarmsAsync());

        await SweepWhenDueAsync(loop);
        Assert.Equal(SubcloudAvailability.Offline, (await _registry.GetAsync("subcloud1")).Availability);
        Assert.Contains(await _registry.ListAlarmsAsync(), a => a.AlarmId == "280.001" && a.Entity == "subcloud=subcloud1");

        _agents.Up("subcloud1");
        await SweepWhenDueAsync(loop);
        Assert.Equal(SubcloudAvailability.Online, (await _registry.GetAsync("subcloud1")).Availability);
        Assert.Empty(await _registry.ListAlarmsAsync());
    }

    [Fact]
    public async Task A_subcloud_asked_for_is_audited_at_once_and_otherwise_waits_for_its_place_in_the_interval_D8()
    {
        await AddAsync(1);
        using var loop = Loop(maxConcurrency: 50);

        Assert.Equal(0, await loop.SweepAsync(CancellationToken.None));
        Assert.True(loop.NextDue > _db.Time.GetUtcNow());
        Assert.Empty(_agents.Called);

        loop.AuditNow("subcloud1");
        Assert.Equal(1, await loop.SweepAsync(CancellationToken.None));
        Assert.Equal(["subcloud1"], _agents.Called);
    }

    [Fact]
    public async Task One_call_per_subcloud_however_many_audit_kinds_are_due_D9()
    {
        await AddAsync(2);
        using var loop = Loop(maxConcurrency: 50);
        Assert.Equal(0, await loop.SweepAsync(CancellationToken.None));

        _db.Time.Advance(Interval); // both kinds of both subclouds are due now
        Assert.Equal(2, await loop.SweepAsync(CancellationToken.None));
        Assert.Equal(["subcloud1", "subcloud2"], _agents.Called.Order(StringComparer.Ordinal));
    }

    private AuditLoop Loop(int maxConcurrency) => new(
        _agents,
        _registry,
        _strategies,
        new AuditOptions { AvailabilityInterval = Interval, SyncInterval = Interval, CallTimeout = CallTimeout, MaxConcurrency = maxConcurrency },
        _db.Time,
        _telemetry,
        NullLogger<AuditLoop>.Instance);

    private async Task AddAsync(int count)
    {
        for (var n = 1; n <= count; n++)
        {
            await _registry.AddAsync(Fleet.Add($"subcloud{n}", Fleet.Ipv6(n), Fleet.Agent6(n)));
        }
    }

    /// <summary>Moves the clock to the next due audit and sweeps.</summary>
    private async Task SweepWhenDueAsync(AuditLoop loop)
    {
        var next = loop.NextDue!.Value;
        var now = _db.Time.GetUtcNow();
        _db.Time.Advance(next > now ? next - now : TimeSpan.Zero);
        Assert.Equal(1, await loop.SweepAsync(CancellationToken.None));
    }

    /// <summary>Waits (bounded) for a condition the loop's concurrent work makes true.</summary>
    private static async Task Until(Func<Task<bool>> condition)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < limit, "the condition did not hold within 10 s");
            await Task.Delay(10);
        }
    }
}
