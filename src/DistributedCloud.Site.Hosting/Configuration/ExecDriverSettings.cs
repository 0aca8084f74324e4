namespace DistributedCloud.Site.Hosting.Configuration;

/// <summary>The exec host driver's command lines (H-16), run as <c>Shell -c LINE</c>.</summary>
public sealed class ExecDriverSettings
{
    /// <summary>host-lock; <c>{host}</c>, <c>{peer}</c>, <c>{force}</c>, <c>{operation}</c> are substituted shell-quoted.</summary>
    public string? Lock { get; set; }

    public string? Unlock { get; set; }

    public string? Swact { get; set; }

    public string Shell { get; set; } = "/bin/sh";

    public string Timeout { get; set; } = "10m";
}
