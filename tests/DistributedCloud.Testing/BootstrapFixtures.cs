namespace DistributedCloud.Testing;

/// <summary>Bootstrap files written inline that more than one test project uses.</summary>
public static class BootstrapFixtures
{
    /// <summary>A system controller's own site: AIO-DX, dual-stack with IPv6 primary on oam and mgmt (the N-34 reference).</summary>
    public const string SystemController = """
        system_mode: duplex
        external_oam_subnet: fd00:ff::/64,10.10.0.0/24
        external_oam_gateway_address: fd00:ff::1,10.10.0.1
        external_oam_floating_address: fd00:ff::3,10.10.0.3
        external_oam_node_0_address: fd00:ff::4,10.10.0.4
        external_oam_node_1_address: fd00:ff::5,10.10.0.5
        management_subnet: fd01:ff::/64
        cluster_host_subnet: aefd:205::/64,192.168.205.0/24
        cluster_pod_subnet: aefd:206::/64,172.16.0.0/16
        cluster_service_subnet: aefd:aaa::/112,10.96.0.0/12
        """;
}
