using DistributedCloud.Rpc.Fencing;
using DistributedCloud.Rpc.Metadata;

namespace DistributedCloud.Rpc.Client;

/// <summary>Per-call settings.</summary>
public sealed record CallOptions
{
    public static CallOptions Default { get; } = new();

    /// <summary>Absolute deadline; wins over <see cref="Timeout"/>.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Relative deadline; the channel's default timeout applies when neither is set.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Request metadata (ASCII, or bytes under "-bin" keys).</summary>
    public RpcMetadata? Headers { get; init; }

    /// <summary>The caller's fencing identity, sent as dc-controller-id / dc-leadership-epoch metadata.</summary>
    public FencingToken? Fencing { get; init; }

    /// <summary>Overrides the method's idempotency (from its proto option) for retry decisions.</summary>
    public bool? Idempotent { get; init; }

    public CancellationToken CancellationToken { get; init; }
}
