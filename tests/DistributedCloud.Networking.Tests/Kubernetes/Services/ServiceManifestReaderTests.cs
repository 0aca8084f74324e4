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
    public void Text_that_is_not_one_Service_manifest_is_a_problem_not_an_exception(string text)
    {
        var read = ServiceManifestReader.Read(text);
        Assert.False(read.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(read.Problem));
    }
}
