using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>Bootstrap files and subclouds of a small fleet, and the controller's own site (dual-stack, IPv6 primary).</summary>
internal static class Fleet
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static SiteNetworks ControllerSite() => Plan(BootstrapFixtures.SystemController, systemController: true).Networks;

    public static BootstrapPlan Plan(string yaml, bool systemController = false)
    {
        var result = BootstrapPlanner.Plan(yaml, systemController);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Plan!;
    }

    /// <summary>An IPv6 single-stack subcloud numbered <paramref name="n"/> (its own oam and mgmt subnets).</summary>
    public static string Ipv6(int n, string mode = "simplex", string release = "25.09", string extra = "") => $"""
        system_mode: {mode}
        external_oam_subnet: fd00:{n}::/64
        external_oam_gateway_address: fd00:{n}::1
        external_oam_floating_address: fd00:{n}::2
        {(mode == "simplex" ? string.Empty : $"external_oam_node_0_address: fd00:{n}::3\nexternal_oam_node_1_address: fd00:{n}::4")}
        management_subnet: fd01:{n}::/64
        {(mode == "standard" ? "worker_count: 1" : string.Empty)}
        software_version: "{release}"
        {extra}
        """;

    /// <summary>An IPv6-primary dual-stack simplex subcloud.</summary>
    public static string Ipv6DualStack(int n) => $"""
        system_mode: simplex
        external_oam_subnet: fd00:{n}::/64,10.20.{n}.0/24
        external_oam_gateway_address: fd00:{n}::1,10.20.{n}.1
        external_oam_floating_address: fd00:{n}::2,10.20.{n}.2
        management_subnet: fd01:{n}::/64
        cluster_host_subnet: fd02::/64,192.168.206.0/24
        cluster_pod_subnet: fd03::/64,172.16.0.0/16
        cluster_service_subnet: fd04::/112,10.96.0.0/12
        software_version: "25.09"
        """;

    /// <summary>An IPv4 single-stack simplex subcloud (refused against an IPv6-primary controller, N-34).</summary>
    public static string Ipv4(int n) => $"""
        system_mode: simplex
        external_oam_subnet: 10.{n}.0.0/24
        external_oam_gateway_address: 10.{n}.0.1
        external_oam_floating_address: 10.{n}.0.2
        management_subnet: 10.{n}.1.0/24
        software_version: "25.09"
        """;

    /// <summary>The agent address of <see cref="Ipv6"/> subcloud n: its management floating address.</summary>
    public static string Agent6(int n) => $"fd01:{n}::1";

    public static SubcloudAddRequest Add(string name, string yaml, string agent) => new(name, yaml, agent);

    public static IReadOnlyList<SubcloudGroup> Groups { get; } = [SubcloudGroupRules.Default];

    public static Subcloud Admit(string name, string yaml, string agent, IReadOnlyCollection<Subcloud>? existing = null) =>
        SubcloudRules.Admit(Add(name, yaml, agent), ControllerSite(), existing ?? [], Groups, new SubcloudRegistryOptions(), Start, Core.Subclouds.RegionIds.New());

    /// <summary>A subcloud ready for a strategy: managed, online, in sync.</summary>
    public static Subcloud Ready(Subcloud subcloud) => subcloud with
    {
        Management = ManagementState.Managed,
        Availability = SubcloudAvailability.Online,
        DeployStatus = DeployStatus.Complete,
        Sync = EndpointSyncStatus.From(SyncEndpoints.All.Select(e => KeyValuePair.Create(e, SyncStatus.InSync))),
    };

    public const string SecondarySubnetsYaml = """
        default:
          external_oam_subnet: 10.20.2.0/24
          external_oam_gateway_address: 10.20.2.1
          external_oam_floating_address: 10.20.2.3
          external_oam_node_0_address: 10.20.2.4
          external_oam_node_1_address: 10.20.2.5
          cluster_host_subnet: 192.168.206.0/24
          cluster_pod_subnet: 172.16.0.0/16
          cluster_service_subnet: 10.96.0.0/12
        """;
}
