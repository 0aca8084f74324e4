using DistributedCloud.Rpc.Status;

namespace DistributedCloud.Rpc.Client;

/// <summary>One attempt's cancellation: the caller's token joined with the deadline's timer.</summary>
internal sealed class CallScope : IDisposable
{
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;

    public CallScope(DateTimeOffset? deadline, CancellationToken caller, TimeProvider time)
    {
        _caller = caller;
        if (deadline is { } d)
        {
            var remaining = d - time.GetUtcNow();
            _deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? Min(remaining, TimeSpan.FromDays(40)) : TimeSpan.Zero, time);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token, caller);
        }
        else
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(caller);
        }
    }

    public CancellationToken Token => _linked.Token;

    public bool DeadlinePassed => _deadline?.IsCancellationRequested == true;

    public void Cancel() => _linked.Cancel();

    /// <summary>The status for an attempt that ended by cancellation, or null when it was not cancelled.</summary>
    public RpcException? CancellationStatus()
    {
        if (DeadlinePassed)
        {
            return new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded");
        }

        return _caller.IsCancellationRequested ? new RpcException(StatusCode.Cancelled, "The call was cancelled by the caller.") : null;
    }

    public void Dispose()
    {
        _linked.Dispose();
        _deadline?.Dispose();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
