namespace DistributedCloud.Rpc.Client;

/// <summary>Bounded retries of idempotent calls that fail with UNAVAILABLE before any response arrived.</summary>
public sealed class RetryOptions
{
    /// <summary>Attempts in total, the first included (1 disables retries).</summary>
    public int MaxAttempts { get; set; } = 3;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public double BackoffMultiplier { get; set; } = 2.0;

    /// <summary>Each delay is scaled by a random factor in [1 - Jitter, 1 + Jitter].</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 for the first retry).</summary>
    public TimeSpan BackoffFor(int nextAttempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Max(0, nextAttempt - 2);
        var baseMs = Math.Min(MaxBackoff.TotalMilliseconds, InitialBackoff.TotalMilliseconds * Math.Pow(BackoffMultiplier, exponent));
        var factor = 1 + (Jitter * ((random.NextDouble() * 2) - 1));
        return TimeSpan.FromMilliseconds(Math.Max(0, baseMs * factor));
    }
}
