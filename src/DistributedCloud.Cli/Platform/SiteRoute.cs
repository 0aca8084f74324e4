using DistributedCloud.Cli.Controller;

namespace DistributedCloud.Cli.Platform;

/// <summary>
/// Where a platform command goes: straight to one agent (<see cref="AgentAddress"/>), or to the system controller
/// (<see cref="Controller"/>), acting on its own site or, with <see cref="Subcloud"/>, on that subcloud.
/// </summary>
public sealed record SiteRoute(string? AgentAddress, ControllerEndpoints? Controller, string? Subcloud)
{
    public bool IsAgent => AgentAddress is not null;

    public static SiteRoute ToAgent(string address) => new(address, null, null);

    public static SiteRoute ToController(ControllerEndpoints endpoints, string? subcloud) =>
        new(null, endpoints, string.IsNullOrWhiteSpace(subcloud) ? null : subcloud.Trim());
}
