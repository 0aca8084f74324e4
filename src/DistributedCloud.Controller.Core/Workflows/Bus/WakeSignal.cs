namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>
/// An auto-reset wake-up for a background loop: any number of <see cref="Set"/> calls before the loop looks collapse
/// into one wake-up, and a set between two waits is never lost.
/// </summary>
internal sealed class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set: the loop wakes once for all of them.
        }
    }

    /// <summary>Waits for a <see cref="Set"/> or the timeout, whichever comes first; true when set.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
