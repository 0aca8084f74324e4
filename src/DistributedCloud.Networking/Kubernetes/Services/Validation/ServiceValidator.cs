using System.Text.RegularExpressions;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using DistributedCloud.Networking.Kubernetes.Services.Planning;

namespace DistributedCloud.Networking.Kubernetes.Services.Validation;

/// <summary>
/// The apiserver's Service validation, limited to the fields that decide IP families: the same checks, in the
/// same order, with the same field paths. Messages are ours: they name the value and the way out.
/// </summary>
internal static partial class ServiceValidator
{
    /// <summary>
    /// The stand-alone checks of clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy (K-16, K-17). Used loosely
    /// before defaulting and again in full validation. ExternalName services are checked elsewhere.
    /// </summary>
    public static List<DomainError> ClusterIPsRelatedFields(WorkingService service)
    {
        var errors = new List<DomainError>();
        if (service.IsExternalName)
        {
            return errors;
        }

        var ips = service.ClusterIPs;
        if (service.ClusterIP.Length != 0)
        {
            if (ips.Count == 0)
            {
                errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.ClusterIPs,
                    $"clusterIP is '{service.ClusterIP}' but clusterIPs is empty; set clusterIPs with '{service.ClusterIP}' as its first entry (or leave both unset)"));
            }
            else if (ips[0] != service.ClusterIP)
            {
                errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.ClusterIPs,
                    $"clusterIPs {Show(ips)} must start with clusterIP '{service.ClusterIP}'; make clusterIPs[0] equal to clusterIP"));
            }
        }
        else if (ips.Count != 0)
        {
            errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.ClusterIPs,
                $"clusterIPs {Show(ips)} is set but clusterIP is not; set clusterIP to '{ips[0]}' as well, or leave both unset to have them allocated"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < service.IpFamilies.Count; i++)
        {
            var family = service.IpFamilies[i];
            if (!IpFamilyExtensions.TryParse(family, out _))
            {
                errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.IpFamilyAt(i),
                    $"'{family}' is not an IP family; use IPv4 or IPv6 (case-sensitive)"));
            }

            if (!seen.Add(family))
            {
                errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.IpFamilyAt(i),
                    $"'{family}' is listed twice in ipFamilies {Show(service.IpFamilies)}; list each family once (at most one IPv4 and one IPv6)"));
            }
        }

        if (service.IpFamilyPolicy is { } policy && !IpFamilyPolicies.IsSupported(policy))
        {
            errors.Add(new DomainError(ServiceRules.Policy, ServiceFieldPaths.IpFamilyPolicy,
                $"'{policy}' is not an IP family policy; use SingleStack, PreferDualStack or RequireDualStack, or leave it unset"));
        }

        var hasInvalidIps = false;
        for (var i = 0; i < ips.Count; i++)
        {
            var ip = ips[i];
            if (i == 0 && ip == ClusterIpText.None)
            {
                if (ips.Count > 1)
                {
                    hasInvalidIps = true;
                    errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.ClusterIPs,
                        $"clusterIPs {Show(ips)} mixes 'None' with addresses; a headless service has clusterIPs ['None'] alone"));
                }

                continue;
            }

            if (!ClusterIpText.IsValid(ip))
            {
                hasInvalidIps = true;
                var hint = ip == ClusterIpText.None
                    ? "'None' is only allowed as the first and only value"
                    : "write an IPv4 or IPv6 address such as 10.96.0.10 or fd04::a";
                errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.ClusterIPAt(i),
                    $"'{ip}' is not a valid IP address; {hint}"));
            }
        }

        if (ips.Count > 2)
        {
            errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.ClusterIPs,
                $"clusterIPs {Show(ips)} holds {ips.Count} values; a service has at most two, one IPv4 and one IPv6"));
        }

        if (hasInvalidIps)
        {
            return errors;
        }

        // As upstream (IsDualStackIPStrings): more than one address needs both families among them. Three
        // addresses of both families get only the "at most two" error above.
        if (ips.Count > 1 && !HasBothFamilies(ips))
        {
            errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.ClusterIPs,
                $"clusterIPs {Show(ips)} holds more than one address of a family; keep one IPv4 and at most one IPv6 address"));
        }

        if (!service.IsHeadless && ips.Count > 0 && service.IpFamilies.Count > 0)
        {
            for (var i = 0; i < ips.Count && i < service.IpFamilies.Count; i++)
            {
                var isV6 = ClusterIpText.IsIPv6(ips[i]);
                var wanted = service.IpFamilies[i];
                if ((wanted == "IPv4" && isV6) || (wanted == "IPv6" && !isV6))
                {
                    errors.Add(new DomainError(ServiceRules.FieldSync, ServiceFieldPaths.ClusterIPAt(i),
                        $"'{ips[i]}' is not an {wanted} address but ipFamilies[{i}] is {wanted}; give an {wanted} address or change ipFamilies[{i}]"));
                }
            }
        }

        return errors;
    }

    /// <summary>The IP-related part of the apiserver's ValidateService, in its order.</summary>
    public static List<DomainError> Service(WorkingService service)
    {
        var errors = new List<DomainError>();
        switch (service.Type)
        {
            case ServiceTypes.LoadBalancer:
            case ServiceTypes.NodePort:
                if (service.IsHeadless)
                {
                    errors.Add(new DomainError(ServiceRules.Headless, ServiceFieldPaths.ClusterIPAt(0),
                        $"a {service.Type} service cannot be headless (clusterIP 'None'); use type ClusterIP for a headless service, or drop 'None'"));
                }

                break;
            case ServiceTypes.ExternalName:
                if (service.ClusterIPs.Count > 0)
                {
                    errors.Add(new DomainError(ServiceRules.ExternalName, ServiceFieldPaths.ClusterIPs,
                        $"an ExternalName service has no cluster IPs, but clusterIPs is {Show(service.ClusterIPs)}; remove clusterIP and clusterIPs"));
                }

                if (service.IpFamilies.Count > 0)
                {
                    errors.Add(new DomainError(ServiceRules.ExternalName, ServiceFieldPaths.IpFamilies,
                        $"an ExternalName service has no IP families, but ipFamilies is {Show(service.IpFamilies)}; remove ipFamilies"));
                }

                if (service.IpFamilyPolicy is not null)
                {
                    errors.Add(new DomainError(ServiceRules.ExternalName, ServiceFieldPaths.IpFamilyPolicy,
                        $"an ExternalName service has no IP family policy, but ipFamilyPolicy is '{service.IpFamilyPolicy}'; remove ipFamilyPolicy"));
                }

                // One trailing dot marks a fully qualified name.
                var raw = service.ExternalName ?? string.Empty;
                var cname = raw.EndsWith('.') ? raw[..^1] : raw;

                if (cname.Length == 0)
                {
                    errors.Add(new DomainError(ServiceRules.ExternalName, ServiceFieldPaths.ExternalName,
                        "an ExternalName service needs externalName, the DNS name it points to (e.g. db.example.com)"));
                }
                else if (!IsDnsSubdomain(cname))
                {
                    errors.Add(new DomainError(ServiceRules.ExternalName, ServiceFieldPaths.ExternalName,
                        $"'{service.ExternalName}' is not a DNS name; use lower-case letters, digits, '-' and '.' (at most 253 characters), e.g. db.example.com"));
                }

                break;
        }

        errors.AddRange(ClusterIPsRelatedFields(service));

        if (!ServiceTypes.IsSupported(service.Type))
        {
            errors.Add(new DomainError(ServiceRules.ServiceType, ServiceFieldPaths.Type,
                $"'{service.Type}' is not a service type; use ClusterIP, NodePort, LoadBalancer or ExternalName"));
        }

        return errors;
    }

    /// <summary>ValidateServiceUpdate: the upgrade/downgrade rules (K-23), then everything of <see cref="Service"/>.</summary>
    public static List<DomainError> ServiceUpdate(WorkingService service, WorkingService old)
    {
        var errors = UpgradeDowngradeClusterIPs(old, service);
        errors.AddRange(UpgradeDowngradeIpFamilies(old, service));
        errors.AddRange(Service(service));
        return errors;
    }

    private static List<DomainError> UpgradeDowngradeClusterIPs(WorkingService old, WorkingService service)
    {
        var errors = new List<DomainError>();
        if (service.IsExternalName || old.IsExternalName || (old.IsHeadless && service.IsHeadless))
        {
            return errors;
        }

        var before = old.ClusterIPs;
        var after = service.ClusterIPs;
        if (before.Count == after.Count)
        {
            for (var i = 0; i < before.Count; i++)
            {
                if (before[i] != after[i])
                {
                    errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.ClusterIPAt(i),
                        $"clusterIPs[{i}] was '{before[i]}' and cannot change to '{after[i]}'; keep '{before[i]}' (delete and re-create the service to get another address)"));
                }
            }
        }
        else if (before.Count > after.Count)
        {
            if (after.Count == 0)
            {
                errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.ClusterIPAt(0),
                    $"the primary cluster IP '{before[0]}' cannot be removed; keep clusterIPs[0] as '{before[0]}'"));
            }

            if (before.Count > 0 && after.Count > 0 && after[0] != before[0])
            {
                errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.ClusterIPAt(0),
                    $"clusterIPs[0] was '{before[0]}' and cannot change to '{after[0]}'; keep '{before[0]}' first"));
            }

            if (after.Count == 1 && service.IpFamilyPolicy != IpFamilyPolicies.SingleStack)
            {
                errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.IpFamilyPolicy,
                    $"releasing the secondary cluster IP '{before[^1]}' needs ipFamilyPolicy SingleStack (it is {ShowPolicy(service.IpFamilyPolicy)}); set ipFamilyPolicy: SingleStack"));
            }
        }
        else if (before.Count > 0 && after[0] != before[0])
        {
            errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.ClusterIPAt(0),
                $"clusterIPs[0] was '{before[0]}' and cannot change to '{after[0]}'; keep '{before[0]}' first and add the new address after it"));
        }

        return errors;
    }

    private static List<DomainError> UpgradeDowngradeIpFamilies(WorkingService old, WorkingService service)
    {
        var errors = new List<DomainError>();
        if (service.IsExternalName || old.IsExternalName || old.IsHeadless != service.IsHeadless || service.IsHeadless)
        {
            return errors;
        }

        var before = old.IpFamilies;
        var after = service.IpFamilies;
        if (before.Count == after.Count)
        {
            for (var i = 0; i < before.Count; i++)
            {
                if (before[i] != after[i])
                {
                    // The apiserver reports any change of the list at ipFamilies[0].
                    errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.IpFamilyAt(0),
                        $"ipFamilies was {Show(before)} and cannot change to {Show(after)}; families are fixed once set (delete and re-create the service to change them)"));
                }
            }
        }
        else if (before.Count > after.Count)
        {
            // As upstream: the "primary unset" test looks at clusterIPs.
            if (service.ClusterIPs.Count == 0)
            {
                errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.IpFamilyAt(0),
                    $"the primary IP family {before[0]} cannot be removed; keep ipFamilies[0] as {before[0]}"));
            }

            if (after.Count > 0 && after[0] != before[0])
            {
                errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.IpFamilyAt(0),
                    $"ipFamilies[0] was {before[0]} and cannot change to {after[0]}; keep {before[0]} first"));
            }

            if (after.Count == 1 && service.IpFamilyPolicy != IpFamilyPolicies.SingleStack)
            {
                errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.IpFamilyPolicy,
                    $"releasing the secondary IP family {before[^1]} needs ipFamilyPolicy SingleStack (it is {ShowPolicy(service.IpFamilyPolicy)}); set ipFamilyPolicy: SingleStack"));
            }
        }
        else if (before.Count > 0 && after.Count > 0 && after[0] != before[0])
        {
            errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.IpFamilyAt(0),
                $"ipFamilies[0] was {before[0]} and cannot change to {after[0]}; keep {before[0]} first and add the other family after it"));
        }

        return errors;
    }

    private static bool HasBothFamilies(List<string> ips)
    {
        var families = ips.Select(ClusterIpText.FamilyOf).ToArray();
        return families.Contains(IpFamily.IPv4) && families.Contains(IpFamily.IPv6);
    }

    private static bool IsDnsSubdomain(string value) => value.Length <= 253 && DnsSubdomain().IsMatch(value);

    internal static string Show(IReadOnlyList<string> values) =>
        "[" + string.Join(", ", values.Select(v => $"'{v}'")) + "]";

    internal static string ShowPolicy(string? policy) => policy is null ? "unset" : $"'{policy}'";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
