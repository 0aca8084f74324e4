using System.Globalization;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Kubernetes.Services.Manifests;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using DistributedCloud.Networking.Kubernetes.Services.Planning;

namespace DistributedCloud.Networking.Bench;

/// <summary>
/// The rule engine's throughput: validating site plans from bootstrap text, rendering them, and planning Service
/// IP families. Inputs are generated up front with a fixed seed so every run measures the same work.
/// </summary>
public static class NetworkingBenchmarks
{
    private const int SitePlans = 10_000;
    private const int Renders = 1_000;
    private const int ServiceDecisions = 100_000;

    public static int Run(int rounds, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sites = Enumerable.Range(0, SitePlans).Select(SiteBootstrap).ToArray();
        var services = ServiceCases(ServiceDecisions);
        var manifests = Enumerable.Range(0, 10_000).Select(ServiceManifest).ToArray();
        var plans = sites.Select(s => BootstrapPlanner.Plan(s).Plan).OfType<BootstrapPlan>().Take(Renders).ToArray();

        var measurements = new[]
        {
            Measurement.Of("bootstrap plan (parse + validate + build site)", SitePlans, rounds,
                () => sites.Count(s => BootstrapPlanner.Plan(s).IsValid)),
            Measurement.Of("render site (kubeadm, Calico, host network)", Renders, rounds,
                () => plans.Sum(p => BootstrapRendering.Of(p).Documents.Count)),
            Measurement.Of("Service IP-family decision (create and update)", ServiceDecisions, rounds,
                () => services.Count(c => ServiceFamilyPlanner.Plan(c.Service, c.Before, c.Cidrs).IsValid)),
            Measurement.Of("Service manifest read (YAML)", manifests.Length, rounds,
                () => manifests.Count(m => ServiceManifestReader.Read(m).Succeeded)),
        };

        output.WriteLine($"rounds: {rounds} measured after 1 warm-up; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        output.WriteLine("| benchmark | operations | median ms | best ms | µs/op | ops/s | bytes/op |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in measurements)
        {
            output.WriteLine(m.ToMarkdownRow());
        }

        var validSites = sites.Count(s => BootstrapPlanner.Plan(s).IsValid);
        var validServices = services.Count(c => ServiceFamilyPlanner.Plan(c.Service, c.Before, c.Cidrs).IsValid);
        output.WriteLine($"inputs: {validSites:N0} of {SitePlans:N0} site plans valid; {validServices:N0} of {ServiceDecisions:N0} Service decisions valid");
        return 0;
    }

    /// <summary>Site i: the mode, primary family and dual-stackness vary; one in ten breaks a rule on purpose.</summary>
    private static string SiteBootstrap(int i)
    {
        var a = i / 250;
        var b = i % 250;
        var mode = (i % 3) switch { 0 => "simplex", 1 => "duplex", _ => "standard" };
        var ipv6Primary = i % 2 == 0;
        var dual = i % 4 < 2;
        string V4(int third, string suffix) => $"10.{a}.{(b + third) % 256}.{suffix}";
        string V6(int net, string suffix) => $"fd{net:x2}:{a:x}:{b:x}::{suffix}";
        string Pair(string v6, string v4) => ipv6Primary ? (dual ? $"{v6},{v4}" : v6) : (dual ? $"{v4},{v6}" : v4);
        var lines = new List<string>
        {
            $"system_mode: {mode}",
            $"external_oam_subnet: {Pair(V6(0, "/64"), V4(0, "0/24"))}",
            $"external_oam_gateway_address: {Pair(V6(0, "1"), V4(0, "1"))}",
            $"external_oam_floating_address: {Pair(V6(0, "2"), V4(0, "2"))}",
            $"external_oam_node_0_address: {Pair(V6(0, "3"), V4(0, "3"))}",
            $"external_oam_node_1_address: {Pair(V6(0, "4"), V4(0, "4"))}",
            $"management_subnet: {Pair(V6(1, "/64"), V4(1, "0/24"))}",
            $"cluster_host_subnet: {Pair(V6(2, "/64"), V4(2, "0/24"))}",
            $"cluster_pod_subnet: {Pair(V6(3, "/64"), "172.16.0.0/16")}",
            $"cluster_service_subnet: {Pair(V6(4, "/112"), "10.96.0.0/12")}",
        };
        if (mode == "standard")
        {
            lines.Add("worker_count: 2");
        }

        if (i % 10 == 9)
        {
            // A primary family mismatch (N-22): the validator must find and report it.
            lines[7] = $"cluster_host_subnet: {(ipv6Primary ? V4(2, "0/24") : V6(2, "/64"))}";
        }

        return string.Join('\n', lines);
    }

    private sealed record ServiceCase(ServiceSpec Service, ServiceSpec? Before, IReadOnlyList<Subnet> Cidrs);

    private static ServiceCase[] ServiceCases(int count)
    {
        var random = new Random(7);
        Subnet[][] clusters =
        [
            [Subnet.Parse("10.96.0.0/12")],
            [Subnet.Parse("fd04::/112")],
            [Subnet.Parse("aefd:aaa::/112"), Subnet.Parse("10.96.0.0/12")],
            [Subnet.Parse("10.96.0.0/12"), Subnet.Parse("fd04::/108")],
        ];
        string?[] policies = [null, "SingleStack", "PreferDualStack", "RequireDualStack"];
        string[][] families = [[], ["IPv4"], ["IPv6"], ["IPv6", "IPv4"], ["IPv4", "IPv6"]];
        var cases = new ServiceCase[count];
        for (var i = 0; i < count; i++)
        {
            var cidrs = clusters[random.Next(clusters.Length)];
            var service = new ServiceSpec
            {
                Name = $"svc-{i}",
                Namespace = "bench",
                Type = i % 17 == 0 ? "ExternalName" : "ClusterIP",
                ExternalName = i % 17 == 0 ? "db.example.com" : null,
                ClusterIP = i % 13 == 0 ? "None" : null,
                IpFamilyPolicy = policies[random.Next(policies.Length)],
                IpFamilies = families[random.Next(families.Length)],
                HasSelector = i % 5 != 0,
            };
            ServiceSpec? before = null;
            if (i % 4 == 0)
            {
                // An update: plan the create first, then resubmit with the policy changed.
                var created = ServiceFamilyPlanner.Plan(service, null, cidrs);
                if (created.Spec is { } spec)
                {
                    before = service with
                    {
                        IpFamilyPolicy = spec.IpFamilyPolicy,
                        IpFamilies = spec.IpFamilies,
                        ClusterIP = spec.ClusterIP,
                        ClusterIPs = spec.ClusterIPs,
                    };
                    service = service with { IpFamilyPolicy = policies[random.Next(policies.Length)], IpFamilies = [] };
                }
            }

            cases[i] = new ServiceCase(service, before, cidrs);
        }

        return cases;
    }

    private static string ServiceManifest(int i) => string.Create(CultureInfo.InvariantCulture, $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: svc-{i}
        spec:
          ipFamilyPolicy: PreferDualStack
          ipFamilies: [IPv6, IPv4]
          selector:
            app: app-{i % 50}
          ports:
          - port: {1000 + (i % 5000)}
        """);
}
