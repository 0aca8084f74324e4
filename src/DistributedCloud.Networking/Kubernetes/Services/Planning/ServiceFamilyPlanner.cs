using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using DistributedCloud.Networking.Kubernetes.Services.Validation;

namespace DistributedCloud.Networking.Kubernetes.Services.Planning;

/// <summary>
/// Plans a Service's IP families and cluster IPs as the Kubernetes apiserver would (K-15 .. K-24), for a create
/// or, given the stored object, an update. The phases run in the apiserver's order:
/// create: sync clusterIP/clusterIPs, default families (stopping at its own errors), allocate, validate;
/// update: read the stored object, keep allocated values, sync, default families, allocate, clear fields a
/// switch to ExternalName leaves behind, validate the update.
/// </summary>
public static class ServiceFamilyPlanner
{
    public static ServicePlanResult Plan(ServiceSpec service, ServiceSpec? before, IReadOnlyList<Subnet> serviceCidrs)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(serviceCidrs);
        if (!ServiceIpRanges.TryCreate(serviceCidrs, out var ranges, out var cidrErrors))
        {
            return ServicePlanResult.Invalid(cidrErrors);
        }

        return before is null ? Create(service, ranges!) : Update(service, before, ranges!);
    }

    private static ServicePlanResult Create(ServiceSpec spec, ServiceIpRanges ranges)
    {
        var service = WorkingService.From(spec);
        ServiceNormalizer.NormalizeClusterIPs(service, null);

        var errors = IpFamilyInitializer.Initialize(service, null, ranges);
        if (errors.Count == 0)
        {
            errors = ClusterIpAllocator.AllocateAll(service, ranges);
        }

        if (errors.Count == 0)
        {
            errors = ServiceValidator.Service(service);
        }

        return Finish(service, errors);
    }

    private static ServicePlanResult Update(ServiceSpec spec, ServiceSpec beforeSpec, ServiceIpRanges ranges)
    {
        var stored = WorkingService.From(beforeSpec);
        ServiceNormalizer.DefaultOnRead(stored, ranges);

        var service = WorkingService.From(spec);
        ServiceNormalizer.PatchAllocatedValues(service, stored);
        ServiceNormalizer.NormalizeClusterIPs(service, stored);

        var errors = IpFamilyInitializer.Initialize(service, stored, ranges);
        if (errors.Count == 0)
        {
            errors = ClusterIpAllocator.AllocateUpdate(service, stored, ranges);
        }

        if (errors.Count == 0)
        {
            ServiceNormalizer.DropTypeDependentFields(service, stored);
            errors = ServiceValidator.ServiceUpdate(service, stored);
        }

        return Finish(service, errors);
    }

    private static ServicePlanResult Finish(WorkingService service, List<DomainError> errors) =>
        errors.Count > 0 ? ServicePlanResult.Invalid(errors) : ServicePlanResult.Valid(service.ToResolved());
}
