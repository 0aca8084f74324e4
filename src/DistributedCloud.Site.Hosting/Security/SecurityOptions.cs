namespace DistributedCloud.Site.Hosting.Security;

/// <summary>Transport and access settings of a site host (section "Security", spec security.md).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Development mode (--dev, S-4): plaintext gRPC on loopback listeners, and callers without credentials on such a
    /// listener act as an administrator. For tours, the simulator and quick tests only; off by default.
    /// </summary>
    public bool DevelopmentMode { get; set; }

    /// <summary>How far a peer's clock may be off when its certificate's validity is checked (S-8b).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public RateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>The per-identity limit of admin API calls (S-9): a token bucket per caller.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Calls per second each identity may make on average.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Calls an identity may make at once after a quiet spell.</summary>
    public int Burst { get; set; } = 1000;
}
