using DistributedCloud.Site.Hosts;

namespace DistributedCloud.Site.Drivers;

/// <summary>
/// The default driver (H-16): each action takes its configured time (on the injected <see cref="TimeProvider"/>) and
/// succeeds, unless a failure was injected for it.
/// </summary>
public sealed class SimulatedHostDriver : IHostDriver
{
    public const string DriverName = "simulated";

    private readonly SimulatedHostDriverOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<InjectedFailure> _failures = [];

    public SimulatedHostDriver(SimulatedHostDriverOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new SimulatedHostDriverOptions();
        _time = time ?? TimeProvider.System;
    }

    public string Name => DriverName;

    /// <summary>Makes the next <paramref name="times"/> matching actions fail with <paramref name="reason"/>.</summary>
    /// <param name="action">The action to fail; null for any.</param>
    /// <param name="hostName">The host to fail on; null for any.</param>
    /// <param name="reason">The failure text the host will show.</param>
    /// <param name="times">How many actions fail.</param>
    public void InjectFailure(HostAction? action, string? hostName, string reason, int times = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            _failures.Add(new InjectedFailure(action, hostName, reason, times));
        }
    }

    public async Task<HostDriverResult> RunAsync(HostDriverRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var task = request.Action.Task(request.Force);
        progress.Report($"{task} {request.HostName}");
        var duration = _options.DurationOf(request.Action);
        if (duration > TimeSpan.Zero)
        {
            await Task.Delay(duration, _time, cancellationToken).ConfigureAwait(false);
        }

        if (TakeFailure(request) is { } reason)
        {
            progress.Report($"{task} {request.HostName} failed: {reason}");
            return HostDriverResult.Failure(reason);
        }

        progress.Report($"{task} {request.HostName} done");
        return HostDriverResult.Success($"simulated host-{request.Action.Name()} of {request.HostName}");
    }

    private string? TakeFailure(HostDriverRequest request)
    {
        lock (_gate)
        {
            var index = _failures.FindIndex(f => (f.Action is null || f.Action == request.Action)
                && (f.HostName is null || f.HostName == request.HostName));
            if (index < 0)
            {
                return null;
            }

            var failure = _failures[index];
            if (failure.Times <= 1)
            {
                _failures.RemoveAt(index);
            }
            else
            {
                _failures[index] = failure with { Times = failure.Times - 1 };
            }

            return failure.Reason;
        }
    }

    private sealed record InjectedFailure(HostAction? Action, string? HostName, string Reason, int Times);
}
