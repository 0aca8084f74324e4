using DistributedCloud.Site.Hosts;

namespace DistributedCloud.Site.Drivers;

/// <summary>One host action for a driver to carry out (H-16).</summary>
/// <param name="OperationId">The operation's id, for logs and commands.</param>
/// <param name="Action">Lock, unlock or swact.</param>
/// <param name="HostName">The host acted on.</param>
/// <param name="Force">The operator's <c>--force</c>.</param>
/// <param name="PeerName">For a swact: the controller that takes activity.</param>
public sealed record HostDriverRequest(string OperationId, HostAction Action, string HostName, bool Force, string? PeerName = null);
