namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>Settings of the subcloud registry (configuration section <c>Subclouds</c>).</summary>
public sealed class SubcloudRegistryOptions
{
    public const string Section = "Subclouds";

    /// <summary>N-36: the oldest release that supports dual-stack; a dual-stack subcloud with an older one is refused.</summary>
    public string MinimumDualStackRelease { get; set; } = "24.09";

    /// <summary>The agent port used when an add names none.</summary>
    public int DefaultAgentPort { get; set; } = 50052;

    /// <summary>S-2: how long a join token made by add or enroll stays usable when the command names no lifetime.</summary>
    public TimeSpan JoinTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>S-3: the lifetime of an agent's certificate; it is renewed once two thirds of it have passed.</summary>
    public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromDays(365);
}
