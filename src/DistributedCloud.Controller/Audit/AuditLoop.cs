using System.Threading.Channels;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Audit;

/// <summary>
/// The audit loop (D-5..D-9). Each sweep reads the subclouds, asks <see cref="AuditSchedule"/> which audits are due
/// (a clock per kind, spread over the interval), calls each due subcloud's agent once (GetSite over its primary family)
/// with at most <see cref="AuditOptions.MaxConcurrency"/> calls at once and a deadline per call, records the answer
/// (hysteresis, sync, alarms 280.001/280.002), tells the strategy service about availability changes (D-17 pause and
/// resume) and checks paused subclouds' timeouts. Calls run side by side, so a slow or dead agent costs its own slot
/// for at most the deadline and never delays the others (D-8). Between sweeps it sleeps until the next audit is due or
/// an audit is asked for (<see cref="AuditNow"/>: a subcloud just added or managed).
/// </summary>
public sealed class AuditLoop : BackgroundService
{
    private readonly ISubcloudAgentClient _agents;
    private readonly SubcloudRegistry _registry;
    private readonly StrategyService _strategies;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ControllerHostTelemetry _telemetry;
    private readonly ILogger<AuditLoop> _logger;
    private readonly AuditSchedule _schedule;
    private readonly SemaphoreSlim _slots;
    private readonly HashSet<string> _scheduled = new(StringComparer.Ordinal);
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public AuditLoop(
        ISubcloudAgentClient agents,
        SubcloudRegistry registry,
        StrategyService strategies,
        AuditOptions options,
        TimeProvider time,
        ControllerHostTelemetry telemetry,
        ILogger<AuditLoop> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _agents = agents;
        _registry = registry;
        _strategies = strategies;
        _options = options;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
        _schedule = new AuditSchedule(options, time);
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    /// <summary>Audits the subcloud in full at the next sweep, which starts at once.</summary>
    public void AuditNow(string subcloud) => _requests.Writer.TryWrite(subcloud);

    /// <summary>
    /// One sweep: every audit due now, called side by side and recorded. Returns how many subclouds were audited. The
    /// loop calls it; tests call it directly with a hand-moved clock.
    /// </summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var subclouds = (await _registry.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var name in subclouds.Keys.Where(_scheduled.Add))
        {
            _schedule.Add(name);
        }

        foreach (var gone in _scheduled.Where(n => !subclouds.ContainsKey(n)).ToArray())
        {
            _scheduled.Remove(gone);
            _schedule.Remove(gone);
        }

        while (_requests.Reader.TryRead(out var requested))
        {
            _schedule.RequestFull(requested);
        }

        var due = _schedule.Due().Where(d => subclouds.ContainsKey(d.Subcloud)).GroupBy(d => d.Subcloud, StringComparer.Ordinal).ToArray();
        var audits = await Task.WhenAll(due.Select(g => AuditAsync(subclouds[g.Key], g.Select(d => d.Kind).ToArray(), cancellationToken))).ConfigureAwait(false);

        // D-17 only concerns an applying or aborting strategy; without one, an availability change needs no strategy
        // command (each is a store command: thousands of subclouds coming online at once queued them behind the adds).
        var active = audits.Any(a => a.Outcome?.Transition is AvailabilityTransition.WentOffline or AvailabilityTransition.CameOnline)
            && await _strategies.GetAsync(cancellationToken).ConfigureAwait(false) is { IsTerminal: false, State: StrategyState.Applying or StrategyState.Aborting };
        foreach (var audit in audits)
        {
            foreach (var kind in audit.Kinds)
            {
                _schedule.Completed(audit.Subcloud, kind);
            }

            if (audit.Outcome?.FullAuditRequested == true)
            {
                _schedule.RequestFull(audit.Subcloud);
            }

            if (active && audit.Outcome?.Transition is AvailabilityTransition.WentOffline or AvailabilityTransition.CameOnline)
            {
                var online = audit.Outcome.Transition == AvailabilityTransition.CameOnline;
                var strategy = await _strategies.SubcloudAvailabilityChangedAsync(audit.Subcloud, online, cancellationToken).ConfigureAwait(false);
                if (strategy?.Subclouds.Any(s => s.Subcloud == audit.Subcloud) == true)
                {
                    _logger.StrategyNotified(audit.Subcloud, online ? "online" : "offline", online ? "resume" : "pause");
                }
            }
        }

        // Only a paused subcloud can time out (D-17); the command loads and writes the whole strategy, so a sweep during
        // a large strategy with none paused must not queue one behind the step commands (bench/controller).
        if (await _strategies.GetAsync(cancellationToken).ConfigureAwait(false) is { IsTerminal: false, State: StrategyState.Applying or StrategyState.Aborting } applying
            && applying.Subclouds.Any(s => s.State == StepState.Paused))
        {
            await _strategies.CheckPauseTimeoutsAsync(cancellationToken).ConfigureAwait(false);
        }

        if (audits.Length > 0)
        {
            var seconds = _time.GetElapsedTime(started).TotalSeconds;
            _telemetry.SweepDuration.Record(seconds);
            _logger.Swept(audits.Sum(a => a.Kinds.Count), audits.Length, seconds);
        }

        return audits.Length;
    }

    /// <summary>When the next audit is due (null: nothing to audit yet).</summary>
    internal DateTimeOffset? NextDue => _schedule.Earliest();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host opens the store after its listeners are bound; the first sweep waits for it.
        await _registry.WhenOpen.WaitAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
                await WaitForNextAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One bad sweep (a store error) must not end the auditing; it is logged and the next runs.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                _logger.SweepFailed(failure);
                await Task.Delay(_options.AvailabilityInterval, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// One call for the subcloud however many kinds are due, recorded once: a sync audit when one is due (it also
    /// settles availability), else an availability audit, so one failed call counts as one failure (D-6).
    /// </summary>
    private async Task<SubcloudAudit> AuditAsync(Subcloud subcloud, IReadOnlyList<AuditKind> kinds, CancellationToken cancellationToken)
    {
        var probe = await ProbeAsync(subcloud, cancellationToken).ConfigureAwait(false);
        var kind = kinds.Contains(AuditKind.Sync) ? AuditKind.Sync : AuditKind.Availability;
        var outcome = await _registry.RecordAuditAsync(subcloud.Name, kind, probe, cancellationToken).ConfigureAwait(false);
        return new SubcloudAudit(subcloud.Name, kinds, outcome);
    }

    private async Task<AgentProbe> ProbeAsync(Subcloud subcloud, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var outcome = "failed";
        try
        {
            using var deadline = new CancellationTokenSource(_options.CallTimeout, _time);
            using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                var site = await _agents.GetSiteAsync(subcloud, call.Token).ConfigureAwait(false);
                outcome = "ok";
                return AgentProbe.Answered(site);
            }
            catch (Exception timedOut) when ((timedOut is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                || timedOut is RpcException { StatusCode: StatusCode.DeadlineExceeded })
            {
                outcome = "deadline";
                return AgentProbe.Failed($"the agent at {subcloud.Agent} did not answer within {_options.CallTimeout.TotalSeconds:0.###} s (D-8 deadline)");
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return AgentProbe.Failed($"the agent at {subcloud.Agent} ({subcloud.PrimaryFamily}) cannot be reached: {Describe(failure)}");
            }
        }
        finally
        {
            _slots.Release();
            _telemetry.AuditCalls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>A failed call in words: a gRPC status's own detail (and its transport's cause), else the exception's message.</summary>
    private static string Describe(Exception failure) => failure switch
    {
        RpcException { Status.DebugException: { } transport } rpc => $"{rpc.Status.Detail} ({transport.GetBaseException().Message})",
        RpcException rpc => rpc.Status.Detail,
        _ => failure.Message,
    };

    private async Task WaitForNextAsync(CancellationToken stoppingToken)
    {
        var interval = _options.AvailabilityInterval < _options.SyncInterval ? _options.AvailabilityInterval : _options.SyncInterval;
        var delay = _schedule.Earliest() is { } next ? next - _time.GetUtcNow() : interval;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > interval ? interval : delay;
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var sleep = Task.Delay(delay, _time, wake.Token);
        var asked = _requests.Reader.WaitToReadAsync(wake.Token).AsTask();
        await Task.WhenAny(sleep, asked).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private sealed record SubcloudAudit(string Subcloud, IReadOnlyList<AuditKind> Kinds, AuditOutcome? Outcome);
}
