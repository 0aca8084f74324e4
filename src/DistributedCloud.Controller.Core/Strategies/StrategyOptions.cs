namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>Strategy settings (configuration section <c>Strategies</c>).</summary>
public sealed class StrategyOptions
{
    public const string Section = "Strategies";

    /// <summary>D-17: how long a subcloud may stay offline during its steps before it fails.</summary>
    public TimeSpan OfflinePauseTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>N-36: the oldest release that supports dual-stack.</summary>
    public string MinimumDualStackRelease { get; set; } = "24.09";
}
