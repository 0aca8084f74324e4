using System.Net;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Kubernetes.Services.Manifests;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using DistributedCloud.Networking.Kubernetes.Services.Planning;

namespace DistributedCloud.Networking.Tests.Kubernetes.Services;

/// <summary>
/// Bounded fuzzing: valid Services mutated field by field, planned as creates and as updates of a planned
/// object, some of them through YAML with anchors and aliases (a bounded alias expansion is refused). Never an
/// exception; always a plan or errors; every plan keeps the K-17/K-24 invariants.
/// </summary>
public sealed class ServiceFamilyPlannerFuzzTests
{
    private const int Seed = 20_240_617;
    private const int Cases = 2_000;

    private static readonly string[][] Clusters =
    [
        ["10.96.0.0/12"],
        ["fd00:10:96::/112"],
        ["10.96.0.0/12", "fd00:10:96::/112"],
        ["aefd:aaa::/112", "10.96.0.0/12"],
        ["192.168.0.0/29", "fd00::/125"],
    ];

    private static readonly ServiceSpec[] Corpus =
    [
        new() { Name = "web", HasSelector = true },
        new() { Name = "web", Type = "NodePort", IpFamilyPolicy = "PreferDualStack", HasSelector = true },
        new() { Name = "api", Namespace = "shop", IpFamilyPolicy = "RequireDualStack", HasSelector = true },
        new() { Name = "seed", IpFamilyPolicy = "PreferDualStack", IpFamilies = ["IPv6", "IPv4"], HasSelector = true },
        new() { Name = "dns", ClusterIP = "None" },
        new() { Name = "dns2", ClusterIP = "None", HasSelector = true },
        new() { Name = "db", Type = "ExternalName", ExternalName = "db.example.com" },
        new() { Name = "fixed", ClusterIP = "10.96.0.10", ClusterIPs = ["10.96.0.10"], HasSelector = true },
        new() { Name = "lb", Type = "LoadBalancer", IpFamilies = ["IPv4"], HasSelector = true },
    ];

    private static readonly string?[] Policies = [null, "SingleStack", "PreferDualStack", "RequireDualStack", "", "dual"];
    private static readonly string?[] Types = [null, "ClusterIP", "NodePort", "LoadBalancer", "ExternalName", "Ingress"];
    private static readonly string[] Families = ["IPv4", "IPv6", "ipv4", ""];

    private static readonly string[] Ips =
    [
        "None", "10.96.0.10", "10.96.0.11", "fd00:10:96::10", "aefd:aaa::10", "192.168.0.3", "fd00::3",
        "10.0.0.1", "10.96.0.0", "2001:db8::1", "not-an-ip", "", "::ffff:10.96.0.12",
    ];

    [Fact]
    public void Mutated_manifests_always_plan_or_fail_with_errors_and_plans_keep_their_invariants()
    {
        var random = new Random(Seed);
        var planned = 0;
        var refused = 0;
        for (var i = 0; i < Cases; i++)
        {
            var cidrs = Clusters[random.Next(Clusters.Length)].Select(Subnet.Parse).ToArray();
            var service = Mutate(Corpus[random.Next(Corpus.Length)], random);
            ServiceSpec? before = null;
            if (random.Next(3) == 0)
            {
                var stored = Mutate(Corpus[random.Next(Corpus.Length)], random);
                var storedPlan = ServiceFamilyPlanner.Plan(stored, null, cidrs);
                if (storedPlan.Spec is { } s)
                {
                    before = stored with { IpFamilyPolicy = s.IpFamilyPolicy, IpFamilies = s.IpFamilies, ClusterIP = s.ClusterIP, ClusterIPs = s.ClusterIPs };
                }
            }

            var context = $"seed {Seed}, case {i}: cidrs {string.Join(",", cidrs)}, service {service}, before {before}";
            if (random.Next(4) == 0)
            {
                // The manifest as YAML with anchors and aliases: read back, it is the same Service.
                var yaml = ToYamlWithAliases(service, random, out var aliasNodes);
                var read = ServiceManifestReader.Read(yaml);
                if (aliasNodes > ServiceManifestReader.MaxAliasExpandedNodes)
                {
                    Assert.False(read.Succeeded, $"{context}: aliases standing for {aliasNodes} nodes were accepted:\n{yaml}");
                    continue;
                }

                Assert.True(read.Succeeded, $"{context}: {read.Problem}\n{yaml}");
                AssertSameFields(service, read.Service!, $"{context}\n{yaml}");
                service = read.Service!;
            }

            ServicePlanResult result;
            try
            {
                result = ServiceFamilyPlanner.Plan(service, before, cidrs);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{context}: threw {ex}");
                return;
            }

            if (result.Spec is { } spec)
            {
                planned++;
                CheckInvariants(spec, service, before, cidrs, context);
                var again = ServiceFamilyPlanner.Plan(service, before, cidrs).Spec!;
                Assert.True(spec.ClusterIPs.SequenceEqual(again.ClusterIPs), $"{context}: allocation is not deterministic");
            }
            else
            {
                refused++;
                Assert.True(result.Errors.Count > 0, $"{context}: neither a plan nor errors");
                Assert.All(result.Errors, e => Assert.True(
                    e.Rule.StartsWith("K-", StringComparison.Ordinal) && e.Field.Length > 0 && e.Message.Length > 0, $"{context}: bad error {e}"));
            }
        }

        // The corpus must exercise both outcomes, or the invariants above prove little.
        Assert.True(planned > Cases / 10 && refused > Cases / 10, $"seed {Seed}: {planned} planned, {refused} refused");
    }

    private static void CheckInvariants(ResolvedServiceSpec spec, ServiceSpec service, ServiceSpec? before, Subnet[] cidrs, string context)
    {
        if (service.Type == ServiceTypes.ExternalName)
        {
            Assert.True(spec.IpFamilyPolicy is null && spec.IpFamilies.Count == 0 && spec.ClusterIPs.Count == 0, $"{context}: ExternalName kept IP fields: {spec}");
            return;
        }

        Assert.True(IpFamilyPolicies.IsSupported(spec.IpFamilyPolicy), $"{context}: policy {spec.IpFamilyPolicy}");
        Assert.True(spec.IpFamilies.Count is 1 or 2 && spec.IpFamilies.Distinct().Count() == spec.IpFamilies.Count, $"{context}: families {spec}");
        Assert.True(spec.IpFamilies.All(f => f is "IPv4" or "IPv6"), $"{context}: families {spec}");
        Assert.True(spec.ClusterIPs.Count > 0 && spec.ClusterIP == spec.ClusterIPs[0], $"{context}: clusterIP is not clusterIPs[0]: {spec}");
        if (spec.ClusterIPs[0] == "None")
        {
            Assert.True(spec.ClusterIPs.Count == 1, $"{context}: None with addresses: {spec}");
            return;
        }

        Assert.True(spec.ClusterIPs.Count == spec.IpFamilies.Count, $"{context}: one IP per family broken: {spec}");
        if (spec.IpFamilyPolicy == IpFamilyPolicies.SingleStack)
        {
            Assert.True(spec.ClusterIPs.Count == 1, $"{context}: SingleStack with two IPs: {spec}");
        }

        for (var i = 0; i < spec.ClusterIPs.Count; i++)
        {
            var address = IPAddress.Parse(spec.ClusterIPs[i]);
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            var family = IpFamilyExtensions.FamilyOf(address);
            Assert.True(family.Name() == spec.IpFamilies[i], $"{context}: clusterIPs[{i}] is not {spec.IpFamilies[i]}: {spec}");
            var storedBefore = before?.ClusterIPs.Contains(spec.ClusterIPs[i]) == true;
            Assert.True(storedBefore || cidrs.Any(c => c.Contains(address)), $"{context}: {address} is outside the service CIDRs: {spec}");
        }
    }

    private static ServiceSpec Mutate(ServiceSpec seed, Random random)
    {
        var service = seed;
        var mutations = random.Next(0, 4);
        for (var m = 0; m < mutations; m++)
        {
            service = random.Next(7) switch
            {
                0 => service with { IpFamilyPolicy = Policies[random.Next(Policies.Length)] },
                1 => service with { Type = Types[random.Next(Types.Length)] },
                2 => service with { IpFamilies = Pick(Families, random.Next(4), random) },
                3 => service with { ClusterIP = random.Next(3) == 0 ? null : Ips[random.Next(Ips.Length)] },
                4 => service with { ClusterIPs = Pick(Ips, random.Next(4), random) },
                5 => service with { HasSelector = !service.HasSelector },
                _ => WithConsistentIps(service, random),
            };
        }

        return service;
    }

    /// <summary>
    /// Writes the Service as YAML, anchoring values and reusing them through aliases where it can, and sometimes
    /// adding nested aliases under metadata.annotations; <paramref name="aliasNodes"/> is how many nodes the
    /// aliases stand for once expanded.
    /// </summary>
    private static string ToYamlWithAliases(ServiceSpec service, Random random, out long aliasNodes)
    {
        static string Q(string value) => System.Text.Json.JsonSerializer.Serialize(value);
        static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Q)) + "]";
        aliasNodes = 0;
        var yaml = new System.Text.StringBuilder("apiVersion: v1\nkind: Service\nmetadata:\n");
        yaml.Append("  name: ").Append(Q(service.Name ?? "x")).Append('\n');
        if (service.Namespace is not null)
        {
            yaml.Append("  namespace: ").Append(Q(service.Namespace)).Append('\n');
        }

        yaml.Append("  labels: &labels {app: web}\n  annotations:\n");
        var familiesAnchored = service.IpFamilies.Count > 0 && random.Next(2) == 0;
        if (familiesAnchored)
        {
            yaml.Append("    families: &families ").Append(List(service.IpFamilies)).Append('\n');
        }

        var policyAnchored = service.IpFamilyPolicy is not null && random.Next(2) == 0;
        if (policyAnchored)
        {
            yaml.Append("    policy: &policy ").Append(Q(service.IpFamilyPolicy!)).Append('\n');
        }

        if (random.Next(3) == 0)
        {
            var levels = random.Next(1, 6);
            long nodes = 2;
            yaml.Append("    l0: &l0 [lol]\n");
            for (var level = 1; level <= levels; level++)
            {
                yaml.Append($"    l{level}: &l{level} [").Append(string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))).Append("]\n");
                aliasNodes += 10 * nodes;
                nodes = 1 + (10 * nodes);
            }
        }

        yaml.Append("spec:\n");
        if (service.Type is not null)
        {
            yaml.Append("  type: ").Append(Q(service.Type)).Append('\n');
        }

        var ipAnchored = service.ClusterIP is not null && service.ClusterIPs.Count > 0 && service.ClusterIPs[0] == service.ClusterIP && random.Next(2) == 0;
        if (service.ClusterIP is not null)
        {
            yaml.Append("  clusterIP: ").Append(ipAnchored ? "&ip " : string.Empty).Append(Q(service.ClusterIP)).Append('\n');
        }

        if (service.ClusterIPs.Count > 0)
        {
            yaml.Append("  clusterIPs: ").Append(ipAnchored
                ? "[*ip" + string.Concat(service.ClusterIPs.Skip(1).Select(ip => ", " + Q(ip))) + "]"
                : List(service.ClusterIPs)).Append('\n');
            aliasNodes += ipAnchored ? 1 : 0;
        }

        if (service.IpFamilies.Count > 0)
        {
            yaml.Append("  ipFamilies: ").Append(familiesAnchored ? "*families" : List(service.IpFamilies)).Append('\n');
            aliasNodes += familiesAnchored ? 1 + service.IpFamilies.Count : 0;
        }

        if (service.IpFamilyPolicy is not null)
        {
            yaml.Append("  ipFamilyPolicy: ").Append(policyAnchored ? "*policy" : Q(service.IpFamilyPolicy)).Append('\n');
            aliasNodes += policyAnchored ? 1 : 0;
        }

        if (service.HasSelector)
        {
            yaml.Append("  selector: *labels\n");
            aliasNodes += 3;
        }

        if (service.ExternalName is not null)
        {
            yaml.Append("  externalName: ").Append(Q(service.ExternalName)).Append('\n');
        }

        return yaml.ToString();
    }

    private static void AssertSameFields(ServiceSpec expected, ServiceSpec actual, string context)
    {
        Assert.True(
            (expected.Name ?? "x") == actual.Name && expected.Namespace == actual.Namespace && expected.Type == actual.Type
            && expected.ClusterIP == actual.ClusterIP && expected.ClusterIPs.SequenceEqual(actual.ClusterIPs)
            && expected.IpFamilies.SequenceEqual(actual.IpFamilies) && expected.IpFamilyPolicy == actual.IpFamilyPolicy
            && expected.HasSelector == actual.HasSelector && expected.ExternalName == actual.ExternalName,
            $"{context}: read back as {actual}");
    }

    private static ServiceSpec WithConsistentIps(ServiceSpec service, Random random)
    {
        var ips = Pick(Ips, random.Next(1, 3), random);
        return service with { ClusterIP = ips[0], ClusterIPs = ips };
    }

    private static string[] Pick(string[] pool, int count, Random random) =>
        Enumerable.Range(0, count).Select(_ => pool[random.Next(pool.Length)]).ToArray();
}
