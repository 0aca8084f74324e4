using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Core.Workflows;
using DistributedCloud.Controller.Tests.Support;

namespace DistributedCloud.Controller.Tests.Workflows;

/// <summary>A fleet on a real SQLite file with a fake agent per subcloud, and an applied network-mode strategy.</summary>
internal sealed class StrategyRun : IAsyncDisposable
{
    private StrategyRun(TempDatabase db, FakeAgents agents)
    {
        Db = db;
        Agents = agents;
    }

    public TempDatabase Db { get; }

    public FakeAgents Agents { get; }

    public StrategyService Strategies => new(Db.Database);

    public WorkflowOutbox Outbox => new(Db.Database);

    public static async Task<StrategyRun> CreateAsync(params (string Name, int N, string Mode)[] subclouds)
    {
        var db = await TempDatabase.CreateAsync();
        var agents = new FakeAgents();
        var registry = new SubcloudRegistry(db.Database, Fleet.ControllerSite());
        foreach (var (name, n, mode) in subclouds)
        {
            var subcloud = await registry.AddAsync(Fleet.Add(name, Fleet.Ipv6(n, mode), Fleet.Agent6(n)));
            await registry.RecordAuditAsync(name, AuditKind.Availability, AgentProbe.Answered(ReportedSites.SiteOf(subcloud)));
            await registry.ManageAsync(name);
            await registry.RecordAuditAsync(name, AuditKind.Sync, AgentProbe.Answered(ReportedSites.SiteOf(subcloud)));
            agents.Add(await registry.GetAsync(name));
        }

        return new StrategyRun(db, agents);
    }

    /// <summary>Creates and applies a dual-stack strategy (D-11, D-13).</summary>
    public async Task<Strategy> ApplyAsync(ApplyType applyType = ApplyType.Parallel, int? maxParallel = null, bool stopOnFailure = false)
    {
        await Strategies.CreateAsync(new StrategyParameters(NetworkModeTarget.DualStack, applyType, maxParallel, stopOnFailure,
            SecondarySubnets: SecondarySubnets.Parse(Fleet.SecondarySubnetsYaml)));
        return await Strategies.ApplyAsync();
    }

    public Task<Strategy> FinishedAsync() =>
        Eventually.WaitAsync(async () => (await Strategies.GetAsync())!, s => s.IsTerminal, "the strategy's end");

    /// <summary>Every step's operation id, in plan order per subcloud.</summary>
    public static IEnumerable<string> OperationIds(Strategy strategy) => strategy.Subclouds.SelectMany(s => s.Steps).Select(s => s.OperationId);

    /// <summary>The changes the agents carried out (not replays, not refusals), per operation id.</summary>
    public Dictionary<string, int> EffectiveChanges() =>
        Agents.Calls.Where(c => c.Effective).GroupBy(c => c.OperationId!).ToDictionary(g => g.Key, g => g.Count());

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
