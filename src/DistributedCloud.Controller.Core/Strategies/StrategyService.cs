using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Persistence.Records;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Core.Workflows;
using DistributedCloud.Networking.Errors;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>
/// The strategy commands on the controller's store (D-11..D-18): create (the whole plan), apply, abort, delete, and the
/// executor's events. Starting a step queues its workflow in the same transaction (D-20: committed, then published);
/// a subcloud that succeeds gets its planned pools as the expected ones, in the same transaction too.
/// </summary>
public sealed class StrategyService
{
    private readonly ControllerDatabase _database;
    private readonly StrategyOptions _options;

    // The strategy as the last command committed it. A 1,000-subcloud plan holds ~12,000 steps, and parsing them again
    // for every step start and finish made the store's single writer the bottleneck of a large strategy. Only this
    // service writes the strategy tables and commands run one at a time, so after a commit this copy is the stored
    // state; it is dropped when a command fails, and used only while the stored row's id and update time still match.
    private volatile Strategy? _committed;

    // The numbers of the strategy last counted, reused while the stored row's id and update time still match.
    private volatile StrategyProgress? _progress;

    /// <summary>Completes once the store is open (the host opens it after binding its listeners).</summary>
    public Task WhenOpen => _database.WhenOpen;

    public StrategyService(ControllerDatabase database, StrategyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _options = options ?? new StrategyOptions();
    }

    /// <summary>
    /// Raised after any strategy command committed, whoever ran it (admin API, audit loop, executor), so in-process
    /// watchers (the admin API's WatchStrategy) wake on a change instead of polling the store.
    /// </summary>
    public event EventHandler? Changed;

    public Task<Strategy?> GetAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(context => LoadAsync(context, cancellationToken), cancellationToken);

    /// <summary>
    /// The current strategy's state and its steps and subclouds by state, or null when there is none. One row is read;
    /// the steps are counted again only after the strategy changed (from the committed copy when it is the stored one).
    /// </summary>
    public Task<StrategyProgress?> ProgressAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(async context =>
        {
            var row = await context.Strategies.AsNoTracking().Select(s => new { s.Id, s.UpdatedAt }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            if (_progress is { } counted && counted.Id == row.Id && counted.UpdatedAt == row.UpdatedAt)
            {
                return counted;
            }

            var strategy = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
            var progress = strategy is null ? null : StrategyProgress.Of(strategy);
            _progress = progress;
            return progress;
        }, cancellationToken);

    /// <summary>D-11: one strategy at a time; D-12..D-14: the plan is computed and stored whole, or nothing is.</summary>
    public Task<Strategy> CreateAsync(StrategyParameters parameters, CancellationToken cancellationToken = default) =>
        Committed(_database.CommandAsync("strategy create", async context =>
        {
            if (await LoadAsync(context, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                throw new DomainException(new DomainError("D-11", "strategy",
                    $"a {existing.State.Name()} strategy already exists; one strategy exists at a time: delete it first", ErrorKind.Conflict));
            }

            var subclouds = await SubcloudRegistry.LoadAllAsync(context, cancellationToken).ConfigureAwait(false);
            var groups = await SubcloudRegistry.LoadGroupsAsync(context, cancellationToken).ConfigureAwait(false);
            var strategy = NetworkModePlanner.Create(Guid.NewGuid(), parameters, subclouds, groups, _database.Time.GetUtcNow(),
                minimumDualStackRelease: _options.MinimumDualStackRelease);
            context.Strategies.Add(RecordMapping.ToRecord(strategy));
            context.StrategySubclouds.AddRange(strategy.Subclouds.Select(p => RecordMapping.ToRecord(strategy.Id, p)));
            _database.Logger.StrategyState(strategy.Id, strategy.State.Name(), strategy.Subclouds.Count);
            return strategy;
        }, cancellationToken));

    public Task<Strategy> ApplyAsync(CancellationToken cancellationToken = default) =>
        ChangeAsync("strategy apply", (s, now) => StrategyMachine.Apply(s, now), cancellationToken);

    public Task<Strategy> AbortAsync(CancellationToken cancellationToken = default) =>
        ChangeAsync("strategy abort", (s, now) => StrategyMachine.Abort(s, now), cancellationToken);

    public Task DeleteAsync(CancellationToken cancellationToken = default) =>
        Committed(_database.CommandAsync("strategy delete", async context =>
        {
            var strategy = await LoadAsync(context, cancellationToken).ConfigureAwait(false) ?? throw NoStrategy();
            StrategyMachine.CheckDelete(strategy);
            context.StrategySubclouds.RemoveRange(await context.StrategySubclouds.Where(p => p.StrategyId == strategy.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
            context.Strategies.Remove((await context.Strategies.FindAsync([strategy.Id], cancellationToken).ConfigureAwait(false))!);
            return 0;
        }, cancellationToken));

    /// <summary>Marks a step running and queues its workflow (keyed by the step's operation id), in one transaction.</summary>
    public Task<Strategy> StartStepAsync(string subcloud, int index, CancellationToken cancellationToken = default) =>
        ChangeAsync("strategy step start", (s, now) => StrategyMachine.StepStarted(s, subcloud, index, now), cancellationToken,
            async (context, strategy, now) =>
            {
                var step = strategy.For(subcloud).Steps.Single(x => x.Index == index);
                var payload = ControllerJson.Write(new StepWorkflow(strategy.Id, subcloud, index, step.Action));
                await WorkflowOutbox.EnqueueAsync(context, new WorkflowRequest(step.OperationId, WorkflowKinds.StrategyStep, subcloud, payload), now, _database, cancellationToken).ConfigureAwait(false);
                _database.Logger.StrategyStep(step.OperationId, subcloud, step.Name, "started");
            });

    /// <summary>Records a step's end and finishes its workflow; a repeat (redelivery) changes nothing.</summary>
    public Task<Strategy> FinishStepAsync(string subcloud, int index, bool succeeded, string? message, CancellationToken cancellationToken = default) =>
        ChangeAsync("strategy step finish", (s, now) => succeeded
                ? StrategyMachine.StepSucceeded(s, subcloud, index, now, message)
                : StrategyMachine.StepFailed(s, subcloud, index, now, message ?? "failed"),
            cancellationToken,
            async (context, strategy, _) =>
            {
                var step = strategy.For(subcloud).Steps.Single(x => x.Index == index);
                if (await context.Workflows.FindAsync([step.OperationId], cancellationToken).ConfigureAwait(false) is not null)
                {
                    await WorkflowOutbox.FinishAsync(context, step.OperationId, succeeded, message, _database, cancellationToken).ConfigureAwait(false);
                }

                _database.Logger.StrategyStep(step.OperationId, subcloud, step.Name, succeeded ? "succeeded" : "failed");
                _database.Telemetry.StrategySteps.Add(1, new("kind", step.Action.Kind.ToString()), new("outcome", succeeded ? "ok" : "failed"));
            });

    /// <summary>D-17: pause a subcloud that went offline, resume one that came back.</summary>
    public Task<Strategy?> SubcloudAvailabilityChangedAsync(string subcloud, bool online, CancellationToken cancellationToken = default) =>
        Committed(_database.CommandAsync("strategy availability", async context =>
        {
            var strategy = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
            if (strategy is null || !strategy.Subclouds.Any(s => s.Subcloud == subcloud))
            {
                return strategy;
            }

            var now = _database.Time.GetUtcNow();
            var changed = online ? StrategyMachine.SubcloudOnline(strategy, subcloud, now) : StrategyMachine.SubcloudOffline(strategy, subcloud, now);
            return await SaveAsync(context, strategy, changed, cancellationToken).ConfigureAwait(false);
        }, cancellationToken));

    /// <summary>D-17: subclouds paused longer than the timeout fail.</summary>
    public Task<Strategy> CheckPauseTimeoutsAsync(CancellationToken cancellationToken = default) =>
        ChangeAsync("strategy pause timeouts", (s, now) => StrategyMachine.CheckPauseTimeouts(s, now, _options.OfflinePauseTimeout), cancellationToken);

    private Task<Strategy> ChangeAsync(
        string command,
        Func<Strategy, DateTimeOffset, Strategy> change,
        CancellationToken cancellationToken,
        Func<ControllerDbContext, Strategy, DateTimeOffset, Task>? also = null) =>
        Committed(_database.CommandAsync(command, async context =>
        {
            var strategy = await LoadAsync(context, cancellationToken).ConfigureAwait(false) ?? throw NoStrategy();
            var now = _database.Time.GetUtcNow();
            var changed = change(strategy, now);
            if (also is not null)
            {
                await also(context, changed, now).ConfigureAwait(false);
            }

            changed = await SaveAsync(context, strategy, changed, cancellationToken).ConfigureAwait(false);
            if (changed.State != strategy.State)
            {
                _database.Logger.StrategyState(changed.Id, changed.State.Name(), changed.Subclouds.Count);
            }

            return changed;
        }, cancellationToken));

    private async Task<T> Committed<T>(Task<T> command)
    {
        T result;
        try
        {
            result = await command.ConfigureAwait(false);
        }
        catch
        {
            _committed = null;
            throw;
        }

        _committed = result as Strategy;
        Changed?.Invoke(this, EventArgs.Empty);
        return result;
    }

    /// <summary>Writes what changed; a subcloud that just succeeded gets its planned pools as the expected ones.</summary>
    private async Task<Strategy> SaveAsync(ControllerDbContext context, Strategy before, Strategy after, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(before, after) && after.UpdatedAt <= before.UpdatedAt)
        {
            // Every stored change gets a later update time than the one before (a clock can stand still or step back),
            // so a copy of an older state is never mistaken for the stored one.
            after = after with { UpdatedAt = before.UpdatedAt.AddTicks(1) };
        }

        var record = (await context.Strategies.FindAsync([after.Id], cancellationToken).ConfigureAwait(false))!;
        context.Entry(record).CurrentValues.SetValues(RecordMapping.ToRecord(after));
        // The machine keeps the parts' order, so the part before sits at the same position (no search per part).
        for (var i = 0; i < after.Subclouds.Count; i++)
        {
            var part = after.Subclouds[i];
            var old = i < before.Subclouds.Count && before.Subclouds[i].Subcloud == part.Subcloud ? before.Subclouds[i] : before.For(part.Subcloud);
            if (old == part)
            {
                continue;
            }

            var row = (await context.StrategySubclouds.FindAsync([after.Id, part.Subcloud], cancellationToken).ConfigureAwait(false))!;
            context.Entry(row).CurrentValues.SetValues(RecordMapping.ToRecord(after.Id, part));
            if (part.State == StepState.Succeeded && old.State != StepState.Succeeded
                && await context.Subclouds.FindAsync([part.Subcloud], cancellationToken).ConfigureAwait(false) is { } subcloud)
            {
                SubcloudRegistry.Write(subcloud, RecordMapping.ToSubcloud(subcloud) with { Pools = part.TargetPools });
            }
        }

        return after;
    }

    private async Task<Strategy?> LoadAsync(ControllerDbContext context, CancellationToken cancellationToken)
    {
        var record = await context.Strategies.AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        if (_committed is { } committed && committed.Id == record.Id && committed.UpdatedAt == record.UpdatedAt)
        {
            return committed;
        }

        var parts = await context.StrategySubclouds.AsNoTracking().Where(p => p.StrategyId == record.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return RecordMapping.ToStrategy(record, parts);
    }

    private static DomainException NoStrategy() =>
        new(new DomainError("D-11", "strategy", "there is no strategy; create one with 'strategy create network-mode'", ErrorKind.NotFound));
}
