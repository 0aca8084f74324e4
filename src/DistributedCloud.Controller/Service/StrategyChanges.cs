using DistributedCloud.Controller.Core.Strategies;

namespace DistributedCloud.Controller.Service;

/// <summary>
/// Wakes a strategy watcher when a strategy command commits (<see cref="StrategyService.Changed"/>), with a slow
/// fallback wake-up so a change the event missed (a watcher subscribed mid-command) is still seen.
/// </summary>
public sealed class StrategyChanges : IDisposable
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(2);

    private readonly StrategyService _strategies;
    private readonly SemaphoreSlim _signal = new(0, 1);

    public StrategyChanges(StrategyService strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        _strategies = strategies;
        _strategies.Changed += OnChanged;
    }

    /// <summary>Returns after the next change, or after the fallback interval.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(Fallback, cancellationToken);

    public void Dispose()
    {
        _strategies.Changed -= OnChanged;
        _signal.Dispose();
    }

    private void OnChanged(object? sender, EventArgs e)
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every change since.
        }
        catch (ObjectDisposedException)
        {
            // The watcher left while the event was raised.
        }
    }
}
