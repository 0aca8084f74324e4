using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Services.Manifests;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using DistributedCloud.Networking.Kubernetes.Services.Planning;

namespace DistributedCloud.Networking.Tests.Kubernetes.Services;

/// <summary>Helpers: manifests in flow-style YAML, cluster CIDRs as the command line writes them.</summary>
internal static class ServicePlanning
{
    public const string V4 = "10.96.0.0/12";
    public const string V6 = "fd00:10:96::/112";
    public const string Dual46 = V4 + "," + V6;
    public const string Dual64 = V6 + "," + V4;

    public static ServiceSpec Manifest(string spec, string name = "web")
    {
        var read = ServiceManifestReader.Read($"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: shop}}\nspec: {spec}\n");
        Assert.True(read.Succeeded, read.Problem);
        return read.Service!;
    }

    public static IReadOnlyList<Subnet> Cidrs(string text) => text.Split(',').Select(Subnet.Parse).ToArray();

    public static ServicePlanResult Create(string cidrs, string spec) =>
        ServiceFamilyPlanner.Plan(Manifest(spec), null, Cidrs(cidrs));

    public static ServicePlanResult Update(string cidrs, string stored, string spec) =>
        ServiceFamilyPlanner.Plan(Manifest(spec), Manifest(stored), Cidrs(cidrs));

    public static ResolvedServiceSpec Valid(ServicePlanResult result)
    {
        Assert.True(result.IsValid, "expected a valid plan, got: " + string.Join(" | ", result.Errors));
        return result.Spec!;
    }

    public static IReadOnlyList<DomainError> Invalid(ServicePlanResult result)
    {
        Assert.False(result.IsValid, $"expected errors, got a valid plan: {result.Spec}");
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    public static IReadOnlyList<string> Fields(ServicePlanResult result) => Invalid(result).Select(e => e.Field).ToArray();

    public static void AssertInRange(string cidr, string ip)
    {
        var subnet = Subnet.Parse(cidr);
        var address = System.Net.IPAddress.Parse(ip);
        Assert.True(subnet.Contains(address), $"{ip} is not inside {cidr}");
        var value = IpAddressMath.ToUInt128(address);
        Assert.NotEqual(subnet.First, value);
        Assert.NotEqual(subnet.First + 1, value);
        if (subnet.Family == IpFamily.IPv4)
        {
            Assert.NotEqual(subnet.Last, value);
        }
    }
}
