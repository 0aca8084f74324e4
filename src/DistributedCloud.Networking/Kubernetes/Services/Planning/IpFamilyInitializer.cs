using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using DistributedCloud.Networking.Kubernetes.Services.Validation;

namespace DistributedCloud.Networking.Kubernetes.Services.Planning;

/// <summary>
/// Defaults ipFamilyPolicy and ipFamilies from the cluster's families while checking that what was asked for
/// exists on the cluster (K-16 .. K-23); the apiserver's initIPFamilyFields step, with its early returns.
/// </summary>
internal static class IpFamilyInitializer
{
    public static List<DomainError> Initialize(WorkingService service, WorkingService? stored, ServiceIpRanges ranges)
    {
        // K-15: nothing is defaulted for ExternalName.
        if (service.IsExternalName)
        {
            return [];
        }

        // K-23: an unchanged PreferDualStack service is neither upgraded nor downgraded by a cluster change.
        if (IsUnchangedPreferDualStack(service, stored))
        {
            return [];
        }

        // K-16: the policy's default.
        if (service.IpFamilyPolicy is null)
        {
            if (stored?.IpFamilyPolicy is { } storedPolicy)
            {
                service.IpFamilyPolicy = storedPolicy;
            }
            else if (service.IsHeadlessSelectorless)
            {
                service.IpFamilyPolicy = IpFamilyPolicies.RequireDualStack;
            }
            else
            {
                service.IpFamilyPolicy = IpFamilyPolicies.SingleStack;
            }
        }

        // Loose pre-validation: anything malformed stops here, before it can confuse what follows.
        var loose = ServiceValidator.ClusterIPsRelatedFields(service);
        if (loose.Count > 0)
        {
            return loose;
        }

        var errors = new List<DomainError>();
        var singleStack = service.IpFamilyPolicy == IpFamilyPolicies.SingleStack;
        if (stored is not null)
        {
            if (singleStack)
            {
                // K-23: SingleStack on an unchanged dual-stack object is a clean downgrade.
                if (ServiceNormalizer.SameClusterIPs(stored, service) && service.ClusterIPs.Count > 1)
                {
                    service.ClusterIPs = service.ClusterIPs.Take(1).ToList();
                }

                if (ServiceNormalizer.SameIpFamilies(stored, service) && service.IpFamilies.Count > 1)
                {
                    service.IpFamilies = service.IpFamilies.Take(1).ToList();
                }
            }
            else
            {
                if (service.ClusterIPs.Count > 0 && service.ClusterIPs.Count < stored.ClusterIPs.Count)
                {
                    errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.IpFamilyPolicy,
                        $"clusterIPs drops the secondary address '{stored.ClusterIPs[^1]}' while ipFamilyPolicy is '{service.IpFamilyPolicy}'; set ipFamilyPolicy: SingleStack to release it"));
                }

                if (service.IpFamilies.Count > 0 && service.IpFamilies.Count < stored.IpFamilies.Count)
                {
                    errors.Add(new DomainError(ServiceRules.Update, ServiceFieldPaths.IpFamilyPolicy,
                        $"ipFamilies drops the secondary family {stored.IpFamilies[^1]} while ipFamilyPolicy is '{service.IpFamilyPolicy}'; set ipFamilyPolicy: SingleStack to release it"));
                }
            }
        }

        // K-18: SingleStack means one of each.
        if (singleStack)
        {
            if (service.ClusterIPs.Count == 2)
            {
                errors.Add(new DomainError(ServiceRules.SingleStack, ServiceFieldPaths.IpFamilyPolicy,
                    $"ipFamilyPolicy is SingleStack but clusterIPs has two addresses {ServiceValidator.Show(service.ClusterIPs)}; use PreferDualStack or RequireDualStack, or keep one address"));
            }

            if (service.IpFamilies.Count == 2)
            {
                errors.Add(new DomainError(ServiceRules.SingleStack, ServiceFieldPaths.IpFamilyPolicy,
                    $"ipFamilyPolicy is SingleStack but ipFamilies has two families {ServiceValidator.Show(service.IpFamilies)}; use PreferDualStack or RequireDualStack, or keep one family"));
            }
        }

        // K-19: families not given are inferred from the addresses given.
        for (var i = 0; i < service.ClusterIPs.Count; i++)
        {
            var ip = service.ClusterIPs[i];
            if (ip == ClusterIpText.None)
            {
                break;
            }

            if (i < service.IpFamilies.Count || ClusterIpText.FamilyOf(ip) is not { } family)
            {
                continue;
            }

            if (!ranges.Has(family))
            {
                errors.Add(new DomainError(ServiceRules.InferredFamily, ServiceFieldPaths.ClusterIPAt(i),
                    $"'{ip}' is an {family.Name()} address but the cluster has no {family.Name()} service range ({Describe(ranges)}); use an address of {string.Join(" or ", ranges.Families.Select(f => f.Name()))}"));
            }
            else
            {
                service.IpFamilies.Add(family.Name());
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        // K-20: headless without selector; families are not checked against the cluster.
        if (service.IsHeadlessSelectorless)
        {
            if (service.IpFamilies.Count == 0)
            {
                service.IpFamilies.Add(ranges.Primary.Name());
            }

            if (service.IpFamilies.Count < 2 && service.IpFamilyPolicy != IpFamilyPolicies.SingleStack)
            {
                service.IpFamilies.Add(OtherFamilyName(service.IpFamilies[0]));
            }

            return [];
        }

        // K-21: what was asked for must exist on the cluster.
        if (service.IpFamilyPolicy == IpFamilyPolicies.RequireDualStack && !ranges.IsDualStack)
        {
            errors.Add(new DomainError(ServiceRules.ClusterFamilies, ServiceFieldPaths.IpFamilyPolicy,
                $"ipFamilyPolicy is RequireDualStack but the cluster is single-stack ({Describe(ranges)}); use PreferDualStack or SingleStack, or add an {ranges.Primary.Other().Name()} service range to the cluster"));
        }

        for (var i = 0; i < service.IpFamilies.Count; i++)
        {
            if (IpFamilyExtensions.TryParse(service.IpFamilies[i], out var family) && !ranges.Has(family))
            {
                errors.Add(new DomainError(ServiceRules.ClusterFamilies, ServiceFieldPaths.IpFamilyAt(i),
                    $"{family.Name()} is not configured on this cluster ({Describe(ranges)}); request {string.Join(" or ", ranges.Families.Select(f => f.Name()))}, or add an {family.Name()} service range"));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        // K-22: family defaults.
        if (service.IpFamilies.Count == 0)
        {
            service.IpFamilies.Add(ranges.Primary.Name());
        }

        if (service.IpFamilyPolicy != IpFamilyPolicies.SingleStack && service.IpFamilies.Count == 1 && ranges.IsDualStack)
        {
            service.IpFamilies.Add(OtherFamilyName(service.IpFamilies[0]));
        }

        return [];
    }

    /// <summary>
    /// True for an update that leaves a PreferDualStack service exactly as stored (same type, policy,
    /// clusterIPs and ipFamilies): such a service keeps its shape whatever the cluster became (K-23).
    /// </summary>
    public static bool IsUnchangedPreferDualStack(WorkingService service, WorkingService? stored)
    {
        if (stored is null || service.IpFamilyPolicy is null)
        {
            return false;
        }

        if (stored.Type != service.Type || !ServiceTypes.GetsClusterIP(service.Type))
        {
            return false;
        }

        if (service.IpFamilyPolicy != IpFamilyPolicies.PreferDualStack)
        {
            return false;
        }

        if (stored.IpFamilyPolicy is not null && stored.IpFamilyPolicy != IpFamilyPolicies.PreferDualStack)
        {
            return false;
        }

        return ServiceNormalizer.SameClusterIPs(stored, service) && ServiceNormalizer.SameIpFamilies(stored, service);
    }

    private static string OtherFamilyName(string family) =>
        family == IpFamily.IPv4.Name() ? IpFamily.IPv6.Name() : IpFamily.IPv4.Name();

    internal static string Describe(ServiceIpRanges ranges) =>
        "service CIDRs " + string.Join(",", ranges.Cidrs);
}
