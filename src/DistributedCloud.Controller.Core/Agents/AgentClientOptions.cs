namespace DistributedCloud.Controller.Core.Agents;

/// <summary>How the controller calls agents (configuration section <c>Agents</c>).</summary>
public sealed class AgentClientOptions
{
    public const string Section = "Agents";

    /// <summary>The calling controller's id (its system uuid), sent as fencing metadata on every call (G-10).</summary>
    public string ControllerId { get; set; } = string.Empty;

    /// <summary>The controller's leadership epoch (0 before geo-redundancy).</summary>
    public ulong LeadershipEpoch { get; set; }

    /// <summary>Deadline of one call (D-8: a slow or dead agent never delays the others).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>An HTTP/2 PING on a subcloud's channel after this long without frames, so a dead connection is noticed before the next call.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A PING not answered within this time closes the connection; the next call dials again.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
