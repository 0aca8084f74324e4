using System.Collections.Concurrent;
using DistributedCloud.Security.Access;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>An <see cref="IAccessAudit"/> that keeps what it is given.</summary>
internal sealed class RecordingAudit : IAccessAudit
{
    public ConcurrentQueue<AccessEvent> Events { get; } = new();

    public ValueTask RecordAsync(AccessEvent accessEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(accessEvent);
        return ValueTask.CompletedTask;
    }
}
