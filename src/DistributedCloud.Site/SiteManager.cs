using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Config;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Site.Alarms;
using DistributedCloud.Site.Changes;
using DistributedCloud.Site.Diagnostics;
using DistributedCloud.Site.Drivers;
using DistributedCloud.Site.Events;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Model;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Persistence;
using DistributedCloud.Site.Pods;
using DistributedCloud.Site.Rendering;
using DistributedCloud.Site.Views;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistributedCloud.Site;

/// <summary>
/// One site, live: the entry point the agent and the system controller call, one method per platform command
/// (cli.md). Commands run one at a time; each checks its rules, is stored in one SQLite transaction and, when it changed
/// the configuration, rendered into a new artifact generation (N-32). A command that fails leaves the stored and the
/// live site as they were (N-33). Reads answer from an immutable snapshot without waiting. Host actions run in the
/// background through the host driver (H-5, H-16); a site reopened after a crash reports an action that was in flight
/// as failed.
/// </summary>
public sealed class SiteManager : IAsyncDisposable
{
    private readonly SiteManagerOptions _options;
    private readonly SiteStore _store;
    private readonly IHostDriver _driver;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SiteTelemetry _telemetry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<HostOperation>> _running = new(StringComparer.Ordinal);
    private readonly string _bootstrapDigest;
    private SiteModel _model;
    private SiteView _current;
    private int _disposed;

    private SiteManager(
        SiteManagerOptions options,
        SiteStore store,
        SiteModel model,
        string bootstrapDigest,
        IHostDriver driver,
        TimeProvider time,
        ILogger logger,
        SiteTelemetry telemetry)
    {
        _options = options;
        _store = store;
        _model = model;
        _bootstrapDigest = bootstrapDigest;
        _driver = driver;
        _time = time;
        _logger = logger;
        _telemetry = telemetry;
        Artifacts = new ArtifactStore(options.ArtifactsPath, options.KeepGenerations);
        _current = SiteSnapshots.Build(model, []);
    }

    /// <summary>The whole site as of the last finished command.</summary>
    public SiteView Current => Volatile.Read(ref _current);

    public ArtifactStore Artifacts { get; }

    public SiteEventLog Events { get; } = new();

    public string DatabasePath => _options.DatabasePath;

    public string DriverName => _driver.Name;

    /// <summary>SHA-256 (hex) of the bootstrap file the site was created from.</summary>
    public string BootstrapDigest => _bootstrapDigest;

    // ------------------------------------------------------------------------------------------------------------
    // Opening

    /// <summary>
    /// Opens the site of the data directory, or creates it from <paramref name="bootstrapYaml"/> on the first start.
    /// A later start with a different bootstrap file is refused (the site was created from another one).
    /// </summary>
    public static async Task<SiteManager> OpenOrCreateAsync(
        SiteManagerOptions options,
        string? bootstrapYaml,
        IHostDriver? driver = null,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        time ??= TimeProvider.System;
        driver ??= new SimulatedHostDriver(time: time);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SiteManager>();
        var store = new SiteStore(options.DatabasePath);
        await store.OpenAsync(options.MigrateOnOpen, pending => new DomainException(new DomainError("D-22", "schema",
                $"the site database '{options.DatabasePath}' lacks the schema migrations {string.Join(", ", pending)}; apply them first (the host's --migrate step), then start again",
                ErrorKind.FailedPrecondition)), cancellationToken).ConfigureAwait(false);

        var loaded = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        SiteManager manager;
        if (loaded is { } stored)
        {
            if (bootstrapYaml is not null && Digest(bootstrapYaml) != stored.BootstrapDigest)
            {
                throw new DomainException(new DomainError("D-22", "bootstrap",
                    $"the data directory already holds site {stored.Model.Identity.SystemUuid} ({stored.Model.Mode.Name()}), created from another bootstrap file; start without --bootstrap to use it, or give an empty data directory for a new site",
                    ErrorKind.FailedPrecondition));
            }

            manager = new SiteManager(options, store, stored.Model, stored.BootstrapDigest, driver, time, logger, new SiteTelemetry(meterFactory));
            await manager.RecoverAsync().ConfigureAwait(false);
            logger.SiteOpened(stored.Model.Identity.SystemUuid, options.DatabasePath, stored.Model.ConfigGeneration);
        }
        else
        {
            if (bootstrapYaml is null)
            {
                throw new DomainException(new DomainError("D-22", "bootstrap",
                    $"the data directory '{options.DataDirectory}' holds no site yet; give the bootstrap file to create it",
                    ErrorKind.FailedPrecondition));
            }

            var result = BootstrapPlanner.Plan(bootstrapYaml, options.IsSystemController);
            if (!result.IsValid)
            {
                throw new DomainException(result.Errors);
            }

            var model = SiteModel.Create(result.Plan!, time.GetUtcNow());
            var documents = SiteArtifacts.Render(model);
            var digest = Digest(bootstrapYaml);
            await store.SaveAsync(model, digest, cancellationToken).ConfigureAwait(false);
            manager = new SiteManager(options, store, model, digest, driver, time, logger, new SiteTelemetry(meterFactory));
            manager.WriteArtifacts(model.ConfigGeneration, documents);
            logger.SiteCreated(model.Identity.SystemUuid, model.Mode.Name(), model.Hosts.Count, options.DatabasePath);
        }

        return manager;
    }

    /// <summary>
    /// Creates or upgrades the schema of the data directory's database (architecture decision 9: the explicit step a
    /// multi-instance or systemd host runs before it starts) and returns the migrations applied now.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(SiteManagerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        return await new SiteStore(options.DatabasePath).MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the existing site of the data directory.</summary>
    public static Task<SiteManager> OpenAsync(
        SiteManagerOptions options,
        IHostDriver? driver = null,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null,
        CancellationToken cancellationToken = default) =>
        OpenOrCreateAsync(options, null, driver, time, loggerFactory, meterFactory, cancellationToken);

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>After a crash: actions in flight are reported failed; artifacts behind the model are rendered again.</summary>
    private async Task RecoverAsync()
    {
        var interrupted = _model.Operations.Where(o => !o.IsFinished).ToArray();
        if (interrupted.Length > 0)
        {
            await ExecuteAsync("recover", (model, now) =>
            {
                foreach (var operation in interrupted)
                {
                    _logger.ActionInterrupted(operation.OperationId, operation.Action.Name(), operation.HostName);
                    model.CompleteHostAction(operation.OperationId, false,
                        "the site stopped while the action ran and its outcome is unknown; nothing of it was applied: check the host and run the command again", now);
                }

                return 0;
            }, CancellationToken.None).ConfigureAwait(false);
        }

        if (Artifacts.CurrentGeneration != _model.ConfigGeneration)
        {
            WriteArtifacts(_model.ConfigGeneration, SiteArtifacts.Render(_model));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reads (from the snapshot; never wait for a command)

    public SiteView GetSite() => Current;

    /// <summary>addrpool-list.</summary>
    public IReadOnlyList<PoolView> ListPools() => Current.Pools;

    /// <summary>addrpool-show.</summary>
    public PoolView ShowPool(string nameOrUuid)
    {
        var pools = Current.Pools;
        var pool = Guid.TryParse(nameOrUuid, out var uuid)
            ? pools.FirstOrDefault(p => p.Uuid == uuid)
            : pools.FirstOrDefault(p => p.Name == nameOrUuid);
        return pool ?? throw new DomainException(new DomainError("N-4", "pool",
            $"no address pool is named or has uuid '{nameOrUuid}'; 'addrpool-list' shows the pools", ErrorKind.NotFound));
    }

    /// <summary>network-list.</summary>
    public IReadOnlyList<NetworkView> ListNetworks() => Current.Networks;

    /// <summary>network-addrpool-list.</summary>
    public IReadOnlyList<NetworkPoolView> ListNetworkPools() => Current.NetworkPools;

    /// <summary>host-list.</summary>
    public IReadOnlyList<HostView> ListHosts() => Current.Hosts;

    /// <summary>host-show.</summary>
    public HostView ShowHost(string nameOrUuid)
    {
        var hosts = Current.Hosts;
        var host = Guid.TryParse(nameOrUuid, out var uuid)
            ? hosts.FirstOrDefault(h => h.Uuid == uuid)
            : hosts.FirstOrDefault(h => h.Hostname == nameOrUuid);
        return host ?? throw new DomainException(new DomainError("H-1", "host",
            $"no host is named or has uuid '{nameOrUuid}'; 'host-list' shows the hosts ({string.Join(", ", hosts.Select(h => h.Hostname))})",
            ErrorKind.NotFound));
    }

    /// <summary>alarm-list (H-15).</summary>
    public IReadOnlyList<Alarm> ListAlarms() => Current.Alarms;

    /// <summary>The artifacts of the current generation as written on disk.</summary>
    public RenderedArtifacts? ReadArtifacts() => Artifacts.ReadCurrent();

    /// <summary>The artifacts the model gives now (what <see cref="ReadArtifacts"/> must equal).</summary>
    public async Task<IReadOnlyList<RenderedDocument>> RenderAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return SiteArtifacts.Render(_model);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>An operation by id (running or recently finished), or null.</summary>
    public HostOperation? GetOperation(string operationId)
    {
        _gate.Wait();
        try
        {
            return _model.FindOperation(operationId);
        }
        finally
        {
            _gate.Release();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Pool and network commands

    /// <summary>addrpool-add.</summary>
    public Task<PoolView> AddPoolAsync(AddressPoolSpec spec, CancellationToken cancellationToken = default) =>
        ExecuteAsync("addrpool-add", (model, _) =>
        {
            var pool = model.AddPool(spec);
            return PoolView.Of(pool, null);
        }, cancellationToken);

    /// <summary>addrpool-modify.</summary>
    public Task<PoolModifyOutcome> ModifyPoolAsync(string nameOrUuid, AddressPoolChanges changes, CancellationToken cancellationToken = default) =>
        ExecuteAsync("addrpool-modify", (model, now) =>
        {
            var (pool, change) = model.ModifyPool(nameOrUuid, changes, now);
            return new PoolModifyOutcome(PoolView.Of(pool, model.Networks.NetworkOf(pool)?.Name), change);
        }, cancellationToken);

    /// <summary>addrpool-delete.</summary>
    public Task<PoolDeleteOutcome> DeletePoolAsync(string nameOrUuid, CancellationToken cancellationToken = default) =>
        ExecuteAsync("addrpool-delete", (model, now) =>
        {
            var (pool, network, change) = model.DeletePool(nameOrUuid, now);
            return new PoolDeleteOutcome(PoolView.Of(pool, null), network, change);
        }, cancellationToken);

    /// <summary>network-addrpool-assign.</summary>
    public Task<PoolAssignmentOutcome> AssignPoolAsync(string networkNameOrUuid, string poolNameOrUuid, CancellationToken cancellationToken = default) =>
        ExecuteAsync("network-addrpool-assign", (model, now) =>
        {
            var (assignment, change) = model.AssignPool(networkNameOrUuid, poolNameOrUuid, now);
            return new PoolAssignmentOutcome(assignment, change);
        }, cancellationToken);

    /// <summary>network-addrpool-remove.</summary>
    public Task<PoolAssignmentOutcome> RemoveAssignmentAsync(string assignmentUuid, CancellationToken cancellationToken = default) =>
        ExecuteAsync("network-addrpool-remove", (model, now) =>
        {
            var (assignment, change) = model.RemoveAssignment(assignmentUuid, now);
            return new PoolAssignmentOutcome(assignment, change);
        }, cancellationToken);

    /// <summary>
    /// ApplyNetworkChange: several pool and network-pool steps in order, in one transaction (all or nothing, N-33), at
    /// most once per <paramref name="operationId"/>. A repeat with the same steps answers the recorded outcome
    /// (<see cref="NetworkChangeOutcome.Replayed"/>); the same id with other steps is refused (Conflict). A refused step
    /// names itself as <c>steps[i]</c>. With <paramref name="dryRun"/> the steps are checked and their outcome
    /// reported, and nothing is changed or recorded.
    /// </summary>
    public Task<NetworkChangeOutcome> ApplyNetworkChangeAsync(string operationId, IReadOnlyList<NetworkChangeStep> steps, bool dryRun = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var id = operationId?.Trim() ?? string.Empty;
        var errors = new ErrorCollector();
        if (id.Length == 0)
        {
            errors.Add("N-33", "operation_id", "a network change needs an operation id (any unique text, such as a uuid): it makes a retry apply the change at most once");
        }

        if (steps.Count == 0)
        {
            errors.Add("N-33", "steps", "a network change needs at least one step (addrpool add/modify/delete, network-addrpool assign/remove)");
        }

        errors.ThrowIfAny();
        var digest = NetworkChangeStep.Digest(steps);
        return ExecuteAsync("network-change", (model, now) =>
        {
            if (model.FindNetworkChange(id) is { } known)
            {
                if (known.StepsDigest != digest)
                {
                    throw new DomainException(new DomainError("N-33", "operation_id",
                        $"operation id '{id}' was already used for another network change (applied {known.Outcome.AppliedAt:u} with {known.Outcome.Results.Count} step(s)); use a new operation id for a different change",
                        ErrorKind.Conflict));
                }

                return known.Outcome with { Replayed = true, DryRun = dryRun };
            }

            var results = new List<NetworkChangeStepResult>(steps.Count);
            var changes = new List<ConfigChange>();
            for (var index = 0; index < steps.Count; index++)
            {
                try
                {
                    results.Add(ApplyStep(model, index, steps[index], now, changes));
                }
                catch (DomainException refused)
                {
                    var step = steps[index];
                    throw new DomainException(refused.Errors
                        .Select(e => e with { Field = $"steps[{index}].{e.Field}", Message = $"step {index + 1} ({step.Command}): {e.Message}" })
                        .ToArray());
                }
            }

            var outcome = new NetworkChangeOutcome(id, results, changes.LastOrDefault()?.ConfigTarget,
                changes.SelectMany(c => c.Notices).Distinct(StringComparer.Ordinal).ToArray(), now, Replayed: false, DryRun: dryRun)
            {
                Changes = changes,
            };
            if (!dryRun)
            {
                model.RecordNetworkChange(new RecordedNetworkChange(id, digest, outcome with { Changes = [] }));
            }

            return outcome;
        }, cancellationToken, operation: id, dryRun: dryRun);
    }

    private static NetworkChangeStepResult ApplyStep(SiteModel model, int index, NetworkChangeStep step, DateTimeOffset now, List<ConfigChange> changes)
    {
        switch (step)
        {
            case NetworkChangeStep.AddPool add:
                return new NetworkChangeStepResult(index, Pool: PoolView.Of(model.AddPool(add.Spec), null));
            case NetworkChangeStep.ModifyPool modify:
            {
                var (pool, change) = model.ModifyPool(modify.Pool, modify.Changes, now);
                AddChange(changes, change);
                return new NetworkChangeStepResult(index, Pool: PoolView.Of(pool, model.Networks.NetworkOf(pool)?.Name));
            }

            case NetworkChangeStep.DeletePool delete:
            {
                var (pool, _, change) = model.DeletePool(delete.Pool, now);
                AddChange(changes, change);
                return new NetworkChangeStepResult(index, RemovedUuid: pool.Uuid);
            }

            case NetworkChangeStep.AssignPool assign:
            {
                var (assignment, change) = model.AssignPool(assign.Network, assign.Pool, now);
                AddChange(changes, change);
                return new NetworkChangeStepResult(index, Assignment: assignment);
            }

            case NetworkChangeStep.RemoveAssignment remove:
            {
                var (assignment, change) = model.RemoveAssignment(remove.AssignmentUuid, now);
                AddChange(changes, change);
                return new NetworkChangeStepResult(index, RemovedUuid: assignment.Uuid);
            }

            default:
                throw new DomainException(new DomainError("N-33", "step", $"step {index + 1} is empty or of a kind this site does not know"));
        }
    }

    private static void AddChange(List<ConfigChange> changes, ConfigChange? change)
    {
        if (change is not null)
        {
            changes.Add(change);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Host commands

    /// <summary>host-lock [--force] (H-2..H-5).</summary>
    public Task<HostActionTicket> LockHostAsync(string host, bool force = false, string? operationId = null, CancellationToken cancellationToken = default) =>
        StartHostActionAsync(HostAction.Lock, host, force, operationId, cancellationToken);

    /// <summary>host-unlock [--force] (H-6..H-8).</summary>
    public Task<HostActionTicket> UnlockHostAsync(string host, bool force = false, string? operationId = null, CancellationToken cancellationToken = default) =>
        StartHostActionAsync(HostAction.Unlock, host, force, operationId, cancellationToken);

    /// <summary>host-swact [--force] (H-9..H-12).</summary>
    public Task<HostActionTicket> SwactHostAsync(string host, bool force = false, string? operationId = null, CancellationToken cancellationToken = default) =>
        StartHostActionAsync(HostAction.Swact, host, force, operationId, cancellationToken);

    /// <summary>Waits for a host action to end (running or finished; recently finished ones are remembered).</summary>
    public async Task<HostOperation> WaitForOperationAsync(string operationId, CancellationToken cancellationToken = default)
    {
        if (_running.TryGetValue(operationId, out var running))
        {
            return await running.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return GetOperation(operationId) ?? throw new DomainException(new DomainError("H-5", "operation_id",
            $"no host action has operation id '{operationId}'", ErrorKind.NotFound));
    }

    /// <summary>Maintenance's view of a host changed (H-1): offline, failed, degraded, available again ...</summary>
    public Task<HostView> SetHostAvailabilityAsync(string host, Availability availability, CancellationToken cancellationToken = default) =>
        ExecuteAsync("host-availability", (model, _) =>
        {
            var changed = model.SetAvailability(host, availability);
            return SiteSnapshots.HostOf(model, changed);
        }, cancellationToken);

    // ------------------------------------------------------------------------------------------------------------
    // Pods (N-27)

    /// <summary>Records a pod started now: it gets the addresses of the current Kubernetes setting.</summary>
    public Task<SitePod> AddPodAsync(string name, CancellationToken cancellationToken = default) =>
        ExecuteAsync("pod-add", (model, now) => model.AddPod(name, now), cancellationToken);

    /// <summary>Restarts a pod: it gets the addresses of the current Kubernetes setting.</summary>
    public Task<SitePod> RestartPodAsync(string name, CancellationToken cancellationToken = default) =>
        ExecuteAsync("pod-restart", (model, now) => model.RestartPod(name, now), cancellationToken);

    // ------------------------------------------------------------------------------------------------------------
    // The command pipeline

    private async Task<HostActionTicket> StartHostActionAsync(HostAction action, string host, bool force, string? operationId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        string? peer = null;
        var (operation, replayed) = await ExecuteAsync($"host-{action.Name()}", (model, now) =>
        {
            var started = model.BeginHostAction(action, host, force, operationId, now);
            if (!started.Replayed && action == HostAction.Swact)
            {
                var target = model.FindHost(started.Operation.HostName);
                peer = model.Hosts.FirstOrDefault(h => h.IsController && h != target)?.Name;
            }

            return started;
        }, cancellationToken).ConfigureAwait(false);

        if (replayed)
        {
            var finished = operation.IsFinished || !_running.TryGetValue(operation.OperationId, out var pending)
                ? Task.FromResult(operation)
                : pending.Task;
            return new HostActionTicket(operation, true, finished);
        }

        var completion = new TaskCompletionSource<HostOperation>(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[operation.OperationId] = completion;
        _logger.ActionStarted(operation.OperationId, action.Name(), operation.HostName, force);
        Progress(operation, operation.Message ?? string.Empty);
        var request = new HostDriverRequest(operation.OperationId, action, operation.HostName, force, peer);
        _ = Task.Run(() => RunActionAsync(request, completion), CancellationToken.None);
        return new HostActionTicket(operation, false, completion.Task);
    }

    private async Task RunActionAsync(HostDriverRequest request, TaskCompletionSource<HostOperation> completion)
    {
        using var activity = SiteTelemetry.ActivitySource.StartActivity($"host-{request.Action.Name()} driver");
        activity?.SetTag("dc.host", request.HostName);
        activity?.SetTag("dc.driver", _driver.Name);
        HostDriverResult result;
        try
        {
            var progress = new InlineProgress(message =>
            {
                _logger.ActionProgress(request.OperationId, message);
                Events.Append(seq => new SiteEvent(seq, _time.GetUtcNow(), SiteEventKind.HostActionProgress, Message: message,
                    Operation: new HostOperation(request.OperationId, request.Action, request.HostName, request.Force, OperationState.Running, message, _time.GetUtcNow(), null)));
            });
            result = await _driver.RunAsync(request, progress, _shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // The site is stopping: the action stays in flight in the store and the next start reports it failed.
            completion.TrySetCanceled();
            _running.TryRemove(request.OperationId, out _);
            return;
        }
        catch (Exception ex)
        {
            _logger.DriverThrew(ex, request.OperationId);
            result = HostDriverResult.Failure($"the {_driver.Name} host driver failed: {ex.Message}");
        }

        try
        {
            var finished = await ExecuteAsync($"host-{request.Action.Name()} completion",
                (model, now) => model.CompleteHostAction(request.OperationId, result.Succeeded, result.Output, now),
                CancellationToken.None).ConfigureAwait(false);
            _telemetry.HostActions.Add(1, new KeyValuePair<string, object?>("action", request.Action.Name()),
                new KeyValuePair<string, object?>("outcome", finished.State.ToString().ToLowerInvariant()));
            _logger.ActionFinished(finished.OperationId, finished.Action.Name(), finished.HostName, finished.State.ToString(), finished.Message);
            Progress(finished, finished.Message ?? string.Empty);
            completion.TrySetResult(finished);
        }
        catch (Exception ex)
        {
            completion.TrySetException(ex);
        }
        finally
        {
            _running.TryRemove(request.OperationId, out _);
        }
    }

    private void Progress(HostOperation operation, string message) =>
        Events.Append(seq => new SiteEvent(seq, _time.GetUtcNow(), SiteEventKind.HostActionProgress, Operation: operation, Message: message));

    private Task<T> ExecuteAsync<T>(string command, Func<SiteModel, DateTimeOffset, T> action, CancellationToken cancellationToken) =>
        ExecuteAsync(command, action, cancellationToken, operation: null, dryRun: false);

    /// <summary>
    /// Runs one command: under the gate, on the live model; renders when the configuration changed; stores it in one
    /// transaction; writes the artifacts; publishes the new snapshot and events. On any failure the stored site is
    /// reloaded, so nothing of the command remains (N-33). A dry run reloads the stored site after the action whatever
    /// it did, and stores, renders and publishes nothing.
    /// </summary>
    private async Task<T> ExecuteAsync<T>(string command, Func<SiteModel, DateTimeOffset, T> action, CancellationToken cancellationToken, string? operation,
        bool dryRun)
    {
        using var activity = SiteTelemetry.ActivitySource.StartActivity(command);
        activity?.SetTag("dc.operation", operation);
        var started = Stopwatch.GetTimestamp();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        string outcome = "ok";
        try
        {
            var before = Current;
            var generation = _model.ConfigGeneration;
            var now = _time.GetUtcNow();
            T result;
            IReadOnlyList<RenderedDocument>? documents = null;
            try
            {
                result = action(_model, now);
                if (dryRun)
                {
                    await ReloadAsync().ConfigureAwait(false);
                    _logger.CommandDone($"{command} (dry run)");
                    return result;
                }

                if (_model.ConfigGeneration != generation)
                {
                    documents = SiteArtifacts.Render(_model);
                }

                await _store.SaveAsync(_model, _bootstrapDigest, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                outcome = ex is DomainException ? "refused" : "failed";
                if (ex is DomainException refused)
                {
                    _logger.CommandRefused(command, refused.Message);
                }
                else
                {
                    _logger.CommandFailed(ex, command);
                }

                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                await ReloadAsync().ConfigureAwait(false);
                throw;
            }

            if (documents is not null)
            {
                WriteArtifacts(_model.ConfigGeneration, documents);
            }

            IReadOnlyList<ConfigChange> changes = result switch
            {
                PoolAssignmentOutcome a => [a.Change],
                PoolModifyOutcome { Change: { } m } => [m],
                PoolDeleteOutcome { Change: { } d } => [d],
                NetworkChangeOutcome n => n.Changes,
                _ => [],
            };
            foreach (var change in changes)
            {
                _telemetry.ConfigChanges.Add(1, new KeyValuePair<string, object?>("kubernetes", change.Kubernetes.ToString()));
                _logger.ConfigChanged(change.ConfigTarget, change.Generation, string.Join(",", change.OutOfDateHosts), change.Kubernetes.ToString());
            }

            Publish(before, changes, now);
            _logger.CommandDone(command);
            return result;
        }
        finally
        {
            _gate.Release();
            var tags = new[] { new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome) };
            _telemetry.Commands.Add(1, tags);
            _telemetry.CommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }

    private async Task ReloadAsync()
    {
        var loaded = await _store.LoadAsync(CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the site's database lost its site row");
        _model = loaded.Model;
        Volatile.Write(ref _current, SiteSnapshots.Build(_model, RunningOperations()));
    }

    private IReadOnlyList<HostOperation> RunningOperations() => _model.Operations.Where(o => !o.IsFinished).ToArray();

    private void Publish(SiteView before, IReadOnlyList<ConfigChange> changes, DateTimeOffset now)
    {
        var after = SiteSnapshots.Build(_model, RunningOperations());
        Volatile.Write(ref _current, after);
        foreach (var host in after.Hosts.Where(h => SiteSnapshots.HostChanged(before.Hosts.FirstOrDefault(b => b.Uuid == h.Uuid), h)))
        {
            Events.Append(seq => new SiteEvent(seq, now, SiteEventKind.HostChanged, Host: host));
        }

        foreach (var raised in after.Alarms.Where(a => before.Alarms.All(b => b.Uuid != a.Uuid)))
        {
            Events.Append(seq => new SiteEvent(seq, now, SiteEventKind.AlarmRaised, Alarm: raised));
        }

        foreach (var cleared in before.Alarms.Where(b => after.Alarms.All(a => a.Uuid != b.Uuid)))
        {
            Events.Append(seq => new SiteEvent(seq, now, SiteEventKind.AlarmCleared, Alarm: cleared));
        }

        foreach (var change in changes)
        {
            Events.Append(seq => new SiteEvent(seq, now, SiteEventKind.NetworkChanged, Change: change));
        }
    }

    private void WriteArtifacts(long generation, IReadOnlyList<RenderedDocument> documents)
    {
        try
        {
            var directory = Artifacts.Write(generation, documents);
            _logger.ArtifactsWritten(generation, directory);
        }
        catch (IOException ex)
        {
            // The change is committed; the next start renders the missing generation again (RecoverAsync).
            _logger.CommandFailed(ex, $"writing artifacts of generation {generation}");
        }
        catch (UnauthorizedAccessException ex)
        {
            _logger.CommandFailed(ex, $"writing artifacts of generation {generation}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var running = _running.Values.Select(c => (Task)c.Task).ToArray();
        try
        {
            await Task.WhenAll(running).WaitAsync(_options.ShutdownGrace).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or DomainException or InvalidOperationException)
        {
            // Whatever did not finish stays in flight in the store; the next start reports it failed.
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        _gate.Release();
        _shutdown.Dispose();
        _telemetry.Dispose();
    }

    /// <summary>Reports progress on the reporting thread (no synchronization-context hop).</summary>
    private sealed class InlineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
