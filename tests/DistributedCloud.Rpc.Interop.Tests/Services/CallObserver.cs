using System.Collections.Concurrent;

namespace DistributedCloud.Rpc.Interop.Tests.Services;

/// <summary>What the test handlers saw, for assertions: which tagged calls were cancelled.</summary>
public sealed class CallObserver
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _cancelled = new();

    public void Cancelled(string tag)
    {
        if (!string.IsNullOrEmpty(tag))
        {
            Slot(tag).TrySetResult();
        }
    }

    /// <summary>True when the handler of the call tagged <paramref name="tag"/> observed its cancellation in time.</summary>
    public async Task<bool> WaitCancelledAsync(string tag, TimeSpan timeout)
    {
        var slot = Slot(tag).Task;
        return await Task.WhenAny(slot, Task.Delay(timeout)) == slot;
    }

    private TaskCompletionSource Slot(string tag) =>
        _cancelled.GetOrAdd(tag, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
