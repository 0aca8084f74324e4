using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace DistributedCloud.Site.Events;

/// <summary>
/// The site's recent events with sequence numbers, and live subscriptions from a sequence number on. Keeps the last
/// <see cref="Capacity"/> events in memory; a watcher that asks for older ones gets what is still kept.
/// </summary>
public sealed class SiteEventLog
{
    public const int Capacity = 1024;

    private readonly Lock _gate = new();
    private readonly Queue<SiteEvent> _recent = new();
    private readonly List<Channel<SiteEvent>> _subscribers = [];
    private ulong _sequence;

    public ulong LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>The kept events after <paramref name="afterSequence"/>.</summary>
    public IReadOnlyList<SiteEvent> Since(ulong afterSequence)
    {
        lock (_gate)
        {
            return _recent.Where(e => e.Sequence > afterSequence).ToArray();
        }
    }

    /// <summary>Events after <paramref name="afterSequence"/> (0: from now on), then live ones until cancelled.</summary>
    public async IAsyncEnumerable<SiteEvent> WatchAsync(ulong afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<SiteEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            if (afterSequence > 0)
            {
                foreach (var kept in _recent.Where(e => e.Sequence > afterSequence))
                {
                    channel.Writer.TryWrite(kept);
                }
            }

            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    internal SiteEvent Append(Func<ulong, SiteEvent> create)
    {
        lock (_gate)
        {
            var item = create(++_sequence);
            _recent.Enqueue(item);
            while (_recent.Count > Capacity)
            {
                _recent.Dequeue();
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(item);
            }

            return item;
        }
    }
}
