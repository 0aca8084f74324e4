using System.Net;
using System.Text.Json.Nodes;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Config;
using YamlDotNet.RepresentationModel;

namespace DistributedCloud.Networking.Tests.Kubernetes;

public sealed class KubernetesConfigRendererTests
{
    private static Subnet[] Subnets(params string[] texts) => texts.Select(Subnet.Parse).ToArray();

    private static IPAddress[] Ips(params string[] texts) => texts.Select(IPAddress.Parse).ToArray();

    /// <summary>Seed 002's bootstrap: IPv6 primary, dual-stack cluster networks.</summary>
    private static KubernetesNetworkInputs SeedDualStack() => new(
        ServiceSubnets: Subnets("aefd:aaa::/112", "10.96.0.0/12"),
        PodSubnets: Subnets("aefd:206::/64", "172.16.0.0/16"),
        ClusterHostSubnets: Subnets("aefd:205::/64", "192.168.205.0/24"),
        Hosts:
        [
            new KubernetesHostInputs("controller-0", Ips("aefd:205::3", "192.168.205.3")),
            new KubernetesHostInputs("controller-1", Ips("aefd:205::4", "192.168.205.4")),
        ],
        AdvertiseAddresses: Ips("aefd:205::2", "192.168.205.2"),
        OamFloatingAddresses: Ips("fd00::3", "10.20.2.3"));

    private static KubernetesNetworkInputs SingleStackIpv4() => new(
        ServiceSubnets: Subnets("10.96.0.0/12"),
        PodSubnets: Subnets("172.16.0.0/16"),
        ClusterHostSubnets: Subnets("192.168.206.0/24"),
        Hosts: [new KubernetesHostInputs("controller-0", Ips("192.168.206.3"))],
        AdvertiseAddresses: Ips("192.168.206.2"),
        OamFloatingAddresses: Ips("10.20.2.3"));

    private static KubernetesNetworkInputs SingleStackIpv6() => new(
        ServiceSubnets: Subnets("fd04::/112"),
        PodSubnets: Subnets("fd03::/56"),
        ClusterHostSubnets: Subnets("fd02::/64"),
        Hosts: [new KubernetesHostInputs("controller-0", Ips("fd02::3"))],
        AdvertiseAddresses: Ips("fd02::2"),
        OamFloatingAddresses: Ips("fd00::3"),
        NodeMaskV6: 72);

    private static HostNetworkInputs SeedHostNetwork() => new(
    [
        new HostNetworkHost(
            "controller-0",
            [
                new HostNetworkAttachment("oam", "enp0s3",
                    [new InterfaceAddress(IPAddress.Parse("fd00::4"), 64), new InterfaceAddress(IPAddress.Parse("10.20.2.4"), 24)],
                    Ips("fd00::1", "10.20.2.1")),
                new HostNetworkAttachment("mgmt", "enp0s8", [new InterfaceAddress(IPAddress.Parse("fd01::3"), 64)], []),
                new HostNetworkAttachment("cluster-host", "enp0s8",
                    [new InterfaceAddress(IPAddress.Parse("aefd:205::3"), 64), new InterfaceAddress(IPAddress.Parse("192.168.205.3"), 24)], []),
            ],
            Ips("2001:4860:4860::8888", "8.8.8.8")),
    ]);

    private static HostNetworkInputs NoHostNetwork() => new([]);

    private static string Document(IReadOnlyList<RenderedDocument> documents, string name) =>
        documents.Single(d => d.Name == name).Content;

    private static IReadOnlyList<YamlMappingNode> ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToArray();
    }

    private static YamlMappingNode Kind(IReadOnlyList<RenderedDocument> documents, string kind) =>
        ParseYaml(Document(documents, KubernetesConfigRenderer.KubeadmConfigFile)).Single(d => Scalar(d, "kind") == kind);

    private static YamlNode Node(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value!;

    private static Dictionary<string, string> Args(YamlNode node, params string[] path) =>
        ((YamlSequenceNode)Node(node, path)).Cast<YamlMappingNode>().ToDictionary(a => Scalar(a, "name"), a => Scalar(a, "value"));

    private static Dictionary<string, string> CalicoEnv(IReadOnlyList<RenderedDocument> documents) =>
        Args(ParseYaml(Document(documents, KubernetesConfigRenderer.CalicoNodeEnvFile))[0], "env");

    [Fact]
    public void K4_seed_dual_stack_kubeadm_configuration_lists_ipv6_first()
    {
        var documents = KubernetesConfigRenderer.Render(SeedDualStack(), NoHostNetwork());
        var cluster = Kind(documents, "ClusterConfiguration");
        Assert.Equal("kubeadm.k8s.io/v1beta4", Scalar(cluster, "apiVersion"));
        Assert.Equal("aefd:aaa::/112,10.96.0.0/12", Scalar(cluster, "networking", "serviceSubnet"));
        Assert.Equal("aefd:206::/64,172.16.0.0/16", Scalar(cluster, "networking", "podSubnet"));
        var masks = Args(cluster, "controllerManager", "extraArgs");
        Assert.Equal("24", masks["node-cidr-mask-size-ipv4"]);
        Assert.Equal("64", masks["node-cidr-mask-size-ipv6"]);
        Assert.False(masks.ContainsKey("node-cidr-mask-size"));
        Assert.Equal("[aefd:205::2]:6443", Scalar(cluster, "controlPlaneEndpoint"));
        var sans = ((YamlSequenceNode)Node(cluster, "apiServer", "certSANs")).Select(n => ((YamlScalarNode)n).Value).ToArray();
        Assert.Contains("fd00::3", sans);
        Assert.Contains("10.20.2.3", sans);
    }

    [Fact]
    public void K1_K3_seed_init_configuration_advertises_the_ipv6_address_and_sets_the_node_ip_pair()
    {
        var documents = KubernetesConfigRenderer.Render(SeedDualStack(), NoHostNetwork());
        var init = Kind(documents, "InitConfiguration");
        Assert.Equal("aefd:205::2", Scalar(init, "localAPIEndpoint", "advertiseAddress"));
        Assert.Equal("controller-0", Scalar(init, "nodeRegistration", "name"));
        Assert.Equal("aefd:205::3,192.168.205.3", Args(init, "nodeRegistration", "kubeletExtraArgs")["node-ip"]);
        Assert.Equal("KUBELET_EXTRA_ARGS=--node-ip=aefd:205::4,192.168.205.4\n", Document(documents, KubernetesConfigRenderer.KubeletEnvironmentFile("controller-1")));
    }

    [Fact]
    public void K3_seed_kube_proxy_cluster_cidr_and_kubelet_cluster_dns_follow_the_primary_family()
    {
        var documents = KubernetesConfigRenderer.Render(SeedDualStack(), NoHostNetwork());
        var proxy = Kind(documents, "KubeProxyConfiguration");
        Assert.Equal("aefd:206::/64,172.16.0.0/16", Scalar(proxy, "clusterCIDR"));
        Assert.Equal("::", Scalar(proxy, "bindAddress"));
        var kubelet = Kind(documents, "KubeletConfiguration");
        Assert.Equal("aefd:aaa::a", ((YamlScalarNode)((YamlSequenceNode)Node(kubelet, "clusterDNS"))[0]).Value);
    }

    [Fact]
    public void K5_seed_calico_assigns_both_families_with_one_pool_each_and_ipv6_enabled()
    {
        var documents = KubernetesConfigRenderer.Render(SeedDualStack(), NoHostNetwork());
        var ipam = JsonNode.Parse(Document(documents, KubernetesConfigRenderer.CalicoIpamFile))!["ipam"]!;
        Assert.Equal("calico-ipam", ipam["type"]!.GetValue<string>());
        Assert.Equal("true", ipam["assign_ipv4"]!.GetValue<string>());
        Assert.Equal("true", ipam["assign_ipv6"]!.GetValue<string>());

        var pools = ParseYaml(Document(documents, KubernetesConfigRenderer.CalicoIpPoolsFile));
        Assert.Equal(["aefd:206::/64", "172.16.0.0/16"], pools.Select(p => Scalar(p, "spec", "cidr")));
        Assert.All(pools, p => Assert.Equal("IPPool", Scalar(p, "kind")));

        var env = CalicoEnv(documents);
        Assert.Equal("autodetect", env["IP"]);
        Assert.Equal("autodetect", env["IP6"]);
        Assert.Equal("true", env["FELIX_IPV6SUPPORT"]);
        Assert.Equal("aefd:206::/64", env["CALICO_IPV6POOL_CIDR"]);
        Assert.Equal("172.16.0.0/16", env["CALICO_IPV4POOL_CIDR"]);
        Assert.Equal("cidr=aefd:205::/64", env["IP6_AUTODETECTION_METHOD"]);
    }

    [Fact]
    public void K4_K5_single_stack_ipv4_renders_ipv4_only_settings()
    {
        var documents = KubernetesConfigRenderer.Render(SingleStackIpv4(), NoHostNetwork());
        var cluster = Kind(documents, "ClusterConfiguration");
        Assert.Equal("10.96.0.0/12", Scalar(cluster, "networking", "serviceSubnet"));
        Assert.Equal("172.16.0.0/16", Scalar(cluster, "networking", "podSubnet"));
        Assert.Equal(["node-cidr-mask-size-ipv4"], Args(cluster, "controllerManager", "extraArgs").Keys);
        Assert.Equal("192.168.206.2", Scalar(Kind(documents, "InitConfiguration"), "localAPIEndpoint", "advertiseAddress"));

        var ipam = JsonNode.Parse(Document(documents, KubernetesConfigRenderer.CalicoIpamFile))!["ipam"]!;
        Assert.Equal("false", ipam["assign_ipv6"]!.GetValue<string>());
        var env = CalicoEnv(documents);
        Assert.Equal("false", env["FELIX_IPV6SUPPORT"]);
        Assert.False(env.ContainsKey("IP6"));
        Assert.Single(ParseYaml(Document(documents, KubernetesConfigRenderer.CalicoIpPoolsFile)));
    }

    [Fact]
    public void K4_K5_single_stack_ipv6_renders_ipv6_only_settings_with_its_node_mask()
    {
        var documents = KubernetesConfigRenderer.Render(SingleStackIpv6(), NoHostNetwork());
        var cluster = Kind(documents, "ClusterConfiguration");
        Assert.Equal("fd04::/112", Scalar(cluster, "networking", "serviceSubnet"));
        Assert.Equal(new Dictionary<string, string> { ["node-cidr-mask-size-ipv6"] = "72" }, Args(cluster, "controllerManager", "extraArgs"));
        var ipam = JsonNode.Parse(Document(documents, KubernetesConfigRenderer.CalicoIpamFile))!["ipam"]!;
        Assert.Equal("false", ipam["assign_ipv4"]!.GetValue<string>());
        Assert.Equal("true", ipam["assign_ipv6"]!.GetValue<string>());
        var env = CalicoEnv(documents);
        Assert.Equal("none", env["IP"]);
        Assert.Equal("autodetect", env["IP6"]);
        Assert.Equal("true", env["FELIX_IPV6SUPPORT"]);
        Assert.Equal("hash", env["CALICO_ROUTER_ID"]);
    }

    [Fact]
    public void Component_flag_summary_holds_every_component_and_each_kubelet_node_ip()
    {
        var documents = KubernetesConfigRenderer.Render(SeedDualStack(), NoHostNetwork());
        var summary = ParseYaml(Document(documents, KubernetesConfigRenderer.ComponentFlagsFile))[0];
        Assert.Equal("true", Scalar(summary, "dualStack"));
        Assert.Equal("IPv6", Scalar(summary, "primaryFamily"));
        Assert.Equal("aefd:aaa::/112,10.96.0.0/12", Scalar(summary, "kube-apiserver", "--service-cluster-ip-range"));
        Assert.Equal("aefd:205::2", Scalar(summary, "kube-apiserver", "--advertise-address"));
        Assert.Equal("aefd:206::/64,172.16.0.0/16", Scalar(summary, "kube-controller-manager", "--cluster-cidr"));
        Assert.Equal("aefd:206::/64,172.16.0.0/16", Scalar(summary, "kube-proxy", "clusterCIDR"));
        Assert.Equal("aefd:205::4,192.168.205.4", Scalar(summary, "kubelet", "controller-1", "--node-ip"));
        Assert.Equal("256", Scalar(summary, "nodeCapacity", "IPv4"));
    }

    [Fact]
    public void Host_network_merges_networks_sharing_an_interface_with_routes_per_family_and_dns()
    {
        var documents = KubernetesConfigRenderer.Render(SeedDualStack(), SeedHostNetwork());
        var network = ParseYaml(Document(documents, KubernetesConfigRenderer.HostNetworkFile("controller-0")))[0];
        var interfaces = ((YamlSequenceNode)Node(network, "interfaces")).Cast<YamlMappingNode>().ToArray();
        Assert.Equal(["enp0s3", "enp0s8"], interfaces.Select(i => Scalar(i, "name")));
        var shared = interfaces[1];
        var v6 = ((YamlSequenceNode)Node(shared, "ipv6", "address")).Cast<YamlMappingNode>().Select(a => $"{Scalar(a, "ip")}/{Scalar(a, "prefix-length")}");
        Assert.Equal(["fd01::3/64", "aefd:205::3/64"], v6);
        var v4 = ((YamlSequenceNode)Node(shared, "ipv4", "address")).Cast<YamlMappingNode>().Select(a => Scalar(a, "ip"));
        Assert.Equal(["192.168.205.3"], v4);

        var routes = ((YamlSequenceNode)Node(network, "routes", "config")).Cast<YamlMappingNode>()
            .Select(r => (Scalar(r, "destination"), Scalar(r, "next-hop-address"), Scalar(r, "next-hop-interface")));
        Assert.Equal([("::/0", "fd00::1", "enp0s3"), ("0.0.0.0/0", "10.20.2.1", "enp0s3")], routes);
        var dns = ((YamlSequenceNode)Node(network, "dns-resolver", "config", "server")).Select(n => ((YamlScalarNode)n).Value);
        Assert.Equal(["2001:4860:4860::8888", "8.8.8.8"], dns);
    }

    [Fact]
    public void Host_network_disables_a_family_an_interface_has_no_address_of()
    {
        var documents = KubernetesConfigRenderer.Render(SeedDualStack(), SeedHostNetwork());
        var network = ParseYaml(Document(documents, KubernetesConfigRenderer.HostNetworkFile("controller-0")))[0];
        var oamOnly = new HostNetworkInputs([new HostNetworkHost("controller-0",
            [new HostNetworkAttachment("oam", "eth0", [new InterfaceAddress(IPAddress.Parse("10.20.2.4"), 24)], Ips("10.20.2.1"))], [])]);
        var single = ParseYaml(Document(KubernetesConfigRenderer.Render(SingleStackIpv4(), oamOnly), KubernetesConfigRenderer.HostNetworkFile("controller-0")))[0];
        var eth0 = ((YamlSequenceNode)Node(single, "interfaces")).Cast<YamlMappingNode>().Single();
        Assert.Equal("false", Scalar(eth0, "ipv6", "enabled"));
        Assert.Equal("true", Scalar(eth0, "ipv4", "enabled"));
        Assert.NotNull(network);
    }

    [Fact]
    public void Rendering_is_deterministic_and_ordered_by_document_name()
    {
        var first = KubernetesConfigRenderer.Render(SeedDualStack(), SeedHostNetwork());
        var second = KubernetesConfigRenderer.Render(SeedDualStack(), SeedHostNetwork());
        Assert.Equal(first, second);
        Assert.Equal(first.Select(d => d.Name).Order(StringComparer.Ordinal), first.Select(d => d.Name));
        Assert.Equal(
            [
                "calico/calico-node-env.yaml", "calico/cni-ipam.json", "calico/ippools.yaml", "components/flags.yaml",
                "hosts/controller-0/kubelet.env", "hosts/controller-0/network.yaml", "hosts/controller-1/kubelet.env",
                "kubeadm/kubeadm-config.yaml",
            ],
            first.Select(d => d.Name));
    }

    [Fact]
    public void K6_rendering_refuses_a_pod_primary_of_another_family()
    {
        var inputs = SeedDualStack() with { PodSubnets = Subnets("172.16.0.0/16", "aefd:206::/64") };
        var ex = Assert.Throws<DomainException>(() => KubernetesConfigRenderer.Render(inputs, NoHostNetwork()));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("K-6", "podSubnets"), (error.Rule, error.Field));
    }

    [Fact]
    public void K6_rendering_refuses_node_ip_and_advertise_address_of_another_family_reporting_each()
    {
        var inputs = SeedDualStack() with
        {
            Hosts = [new KubernetesHostInputs("controller-0", Ips("192.168.205.3", "aefd:205::3"))],
            AdvertiseAddresses = Ips("192.168.205.2", "aefd:205::2"),
        };
        var ex = Assert.Throws<DomainException>(() => KubernetesConfigRenderer.Render(inputs, NoHostNetwork()));
        Assert.All(ex.Errors, e => Assert.Equal("K-6", e.Rule));
        Assert.Equal(["hosts[controller-0].clusterHostAddresses", "advertiseAddresses"], ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Rendering_refuses_cidr_rule_violations_with_every_error()
    {
        var inputs = SeedDualStack() with { ServiceSubnets = Subnets("aefd:aaa::/64", "10.96.0.0/12"), PodSubnets = Subnets("aefd:206::/40", "172.16.0.0/16") };
        var ex = Assert.Throws<DomainException>(() => KubernetesConfigRenderer.Render(inputs, NoHostNetwork()));
        Assert.Contains(ex.Errors, e => e.Rule == "K-8");
        Assert.Contains(ex.Errors, e => e.Rule == "K-9");
    }

    [Fact]
    public void Rendering_refuses_a_same_family_node_ip_pair()
    {
        var inputs = SingleStackIpv4() with { Hosts = [new KubernetesHostInputs("controller-0", Ips("192.168.206.3", "192.168.206.4"))] };
        var ex = Assert.Throws<DomainException>(() => KubernetesConfigRenderer.Render(inputs, NoHostNetwork()));
        Assert.Contains(ex.Errors, e => e.Rule == "K-12" && e.Field == "hosts[controller-0].clusterHostAddresses");
    }

    [Fact]
    public void K6_primary_family_check_accepts_the_seed()
    {
        Assert.Empty(KubernetesConfigRenderer.CheckPrimaryFamily(SeedDualStack()));
    }
}
