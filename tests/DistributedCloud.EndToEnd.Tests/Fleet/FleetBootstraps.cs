namespace DistributedCloud.EndToEnd.Tests.Fleet;

/// <summary>
/// The fleet's bootstrap files: a system controller whose own site is dual-stack with IPv6 primary, three IPv6-primary
/// subclouds (single-stack simplex, single-stack duplex, dual-stack simplex), an IPv4-primary site the controller
/// refuses (N-34), and the IPv4 secondary subnets of the two single-stack subclouds.
/// </summary>
public static class FleetBootstraps
{
    /// <summary>The system controller: the shared dual-stack, IPv6-primary controller site.</summary>
    public const string Controller = BootstrapFixtures.SystemController;

    /// <summary>subcloud1: IPv6 single-stack simplex.</summary>
    public const string Simplex = """
        system_mode: simplex
        external_oam_subnet: fd00:1::/64
        external_oam_gateway_address: fd00:1::1
        external_oam_floating_address: fd00:1::2
        management_subnet: fd01:1::/64
        cluster_host_subnet: fd02:1::/64
        cluster_pod_subnet: fd03:1::/64
        cluster_service_subnet: fd04:1::/112
        software_version: "25.09"
        """;

    /// <summary>subcloud2: IPv6 single-stack duplex.</summary>
    public const string Duplex = """
        system_mode: duplex
        external_oam_subnet: fd00:2::/64
        external_oam_gateway_address: fd00:2::1
        external_oam_floating_address: fd00:2::2
        external_oam_node_0_address: fd00:2::3
        external_oam_node_1_address: fd00:2::4
        management_subnet: fd01:2::/64
        cluster_host_subnet: fd02:2::/64
        cluster_pod_subnet: fd03:2::/64
        cluster_service_subnet: fd04:2::/112
        software_version: "25.09"
        """;

    /// <summary>subcloud3: dual-stack simplex, IPv6 primary (the IPv6 subnet listed first on every network).</summary>
    public const string DualStack = """
        system_mode: simplex
        external_oam_subnet: fd00:3::/64,10.30.3.0/24
        external_oam_gateway_address: fd00:3::1,10.30.3.1
        external_oam_floating_address: fd00:3::2,10.30.3.2
        management_subnet: fd01:3::/64,192.168.3.0/24
        cluster_host_subnet: fd02:3::/64,192.168.103.0/24
        cluster_pod_subnet: fd03:3::/64,172.19.0.0/16
        cluster_service_subnet: fd04:3::/112,10.99.0.0/16
        software_version: "25.09"
        """;

    /// <summary>An IPv4-primary site: its primary family is not the controller's (N-34).</summary>
    public const string Ipv4Primary = """
        system_mode: simplex
        external_oam_subnet: 10.30.4.0/24
        external_oam_gateway_address: 10.30.4.1
        external_oam_floating_address: 10.30.4.2
        management_subnet: 192.168.4.0/24
        software_version: "25.09"
        """;

    /// <summary>
    /// The IPv4 secondaries of the two single-stack subclouds; subcloud3 (already dual-stack) has no entry. subcloud1's
    /// entry adds mgmt too, so its plan locks and unlocks its controller around the change (simplex mgmt rule).
    /// </summary>
    public const string SecondarySubnets = """
        subcloud1:
          external_oam_subnet: 10.20.1.0/24
          external_oam_gateway_address: 10.20.1.1
          external_oam_floating_address: 10.20.1.2
          management_subnet: 192.168.201.0/24
          cluster_host_subnet: 192.168.101.0/24
          cluster_pod_subnet: 172.17.0.0/16
          cluster_service_subnet: 10.97.0.0/16
        subcloud2:
          external_oam_subnet: 10.20.2.0/24
          external_oam_gateway_address: 10.20.2.1
          external_oam_floating_address: 10.20.2.2
          external_oam_node_0_address: 10.20.2.3
          external_oam_node_1_address: 10.20.2.4
          cluster_host_subnet: 192.168.102.0/24
          cluster_pod_subnet: 172.18.0.0/16
          cluster_service_subnet: 10.98.0.0/16
        """;
}
