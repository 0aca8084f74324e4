using DistributedCloud.Networking.Kubernetes.Services.Manifests;

namespace DistributedCloud.Networking.Tests.Kubernetes.Services;

public sealed class ServiceManifestReaderTests
{
    [Fact]
    public void A_YAML_Service_object_is_read_with_raw_values()
    {
        var read = ServiceManifestReader.Read("""
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
            spec:
              type: NodePort
              clusterIP: 10.96.0.10
              clusterIPs: [10.96.0.10]
              ipFamilies: [IPv4, ipv6]
              ipFamilyPolicy: PreferDualStack
              selector:
                app: web
            """);

        var service = read.Service!;
        Assert.Equal(("web", "shop", "NodePort"), (service.Name, service.Namespace, service.Type));
        Assert.Equal("10.96.0.10", service.ClusterIP);
        Assert.Equal(["10.96.0.10"], service.ClusterIPs);
        Assert.Equal(["IPv4", "ipv6"], service.IpFamilies);
        Assert.Equal("PreferDualStack", service.IpFamilyPolicy);
        Assert.True(service.HasSelector);
    }

    [Fact]
    public void A_JSON_Service_object_is_read()
    {
        var read = ServiceManifestReader.Read("""{"kind":"Service","metadata":{"name":"db"},"spec":{"clusterIP":"None","ipFamilyPolicy":null,"selector":{}}}""");

        var service = read.Service!;
        Assert.Equal("None", service.ClusterIP);
        Assert.Null(service.IpFamilyPolicy);
        Assert.False(service.HasSelector);
        Assert.Equal("default", service.EffectiveNamespace);
    }

    [Fact]
    public void An_empty_policy_string_is_kept_as_a_value_not_as_absent()
    {
        Assert.Equal(string.Empty, ServiceManifestReader.Read("spec: {ipFamilyPolicy: ''}").Service!.IpFamilyPolicy);
    }

    [Fact]
    public void A_bare_spec_is_accepted()
    {
        Assert.Equal("ExternalName", ServiceManifestReader.Read("type: ExternalName\nexternalName: db.example.com").Service!.Type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kind: Deployment\nspec: {}")]
    [InlineData("spec: [a, b]")]
    [InlineData("- a\n- b")]
    [InlineData("spec: {clusterIPs: 10.96.0.1}")]
    [InlineData("spec: {ipFamilyPolicy: {a: b}}")]
    [InlineData("spec: {clusterIP: 1.5}")]
    [InlineData("spec: {a: [b}")]
    [InlineData("{\"spec\": {\"clusterIP\": 10}}")]
    [InlineData("{\"spec\": ")]
    [InlineData("a: 1\na: 2")]
    [InlineData("kind: Service\n---\nkind: Service")]
    [InlineData("spec: {*k: v}")]
    public void Text_that_is_not_one_Service_manifest_is_a_problem_not_an_exception(string text)
    {
        var read = ServiceManifestReader.Read(text);
        Assert.False(read.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(read.Problem));
    }

    /// <summary>Nine levels of ten aliases each: 10^9 nodes once expanded, from a few hundred bytes.</summary>
    internal static string AliasBomb(int levels = 9)
    {
        var text = new System.Text.StringBuilder("apiVersion: v1\nkind: Service\nmetadata:\n  name: bomb\n  annotations:\n    a0: &a0 [lol]\n");
        for (var level = 1; level <= levels; level++)
        {
            text.Append($"    a{level}: &a{level} [").Append(string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))).Append("]\n");
        }

        return text.Append("spec: {type: ClusterIP}\n").ToString();
    }

    [Fact]
    public void A_YAML_alias_bomb_is_refused_quickly_naming_the_aliases()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var read = ServiceManifestReader.Read(AliasBomb());

        Assert.False(read.Succeeded);
        Assert.Contains("alias", read.Problem, StringComparison.Ordinal);
        Assert.Contains("10,000", read.Problem, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_few_anchors_and_aliases_are_read_like_the_values_they_stand_for()
    {
        var read = ServiceManifestReader.Read("""
            kind: Service
            metadata: {name: web, labels: &labels {app: web}}
            spec:
              selector: *labels
              clusterIP: &ip 10.96.0.10
              clusterIPs: [*ip, &v6 "fd00::10"]
              ipFamilies: &families [IPv4, IPv6]
            """);

        var service = read.Service!;
        Assert.True(service.HasSelector);
        Assert.Equal("10.96.0.10", service.ClusterIP);
        Assert.Equal(["10.96.0.10", "fd00::10"], service.ClusterIPs);
        Assert.Equal(["IPv4", "IPv6"], service.IpFamilies);
    }

    [Fact]
    public void Aliases_that_stay_under_the_node_limit_are_accepted()
    {
        Assert.True(ServiceManifestReader.Read(AliasBomb(levels: 3)).Succeeded);
    }

    [Fact]
    public void A_manifest_over_1_MiB_is_refused_naming_the_limit()
    {
        var text = "kind: Service\nmetadata:\n  name: big\n  annotations:\n    note: " + new string('x', ServiceManifestReader.MaxManifestBytes) + "\nspec: {}\n";

        var read = ServiceManifestReader.Read(text);

        Assert.False(read.Succeeded);
        Assert.Contains("1 MiB", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_far_deeper_than_a_Service_needs_is_a_problem_not_a_stack_overflow()
    {
        var text = "spec: " + new string('[', 100_000) + new string(']', 100_000);

        var read = ServiceManifestReader.Read(text);

        Assert.False(read.Succeeded);
        Assert.Contains("nested", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_to_an_unknown_anchor_is_a_problem()
    {
        Assert.False(ServiceManifestReader.Read("spec: {clusterIP: *nowhere}").Succeeded);
    }
}
