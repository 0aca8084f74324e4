using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Services.Model;

namespace DistributedCloud.Networking.Kubernetes.Services.Planning;

/// <summary>
/// The cluster's service CIDRs (kube-apiserver <c>--service-cluster-ip-range</c>): one, or two of different
/// families, primary first. The primary's family is the cluster's default Service family.
/// </summary>
public sealed class ServiceIpRanges
{
    private ServiceIpRanges(IReadOnlyList<Subnet> cidrs)
    {
        Cidrs = cidrs;
    }

    public IReadOnlyList<Subnet> Cidrs { get; }

    public IpFamily Primary => Cidrs[0].Family;

    public bool IsDualStack => Cidrs.Count == 2;

    /// <summary>The cluster families, primary first.</summary>
    public IReadOnlyList<IpFamily> Families => Cidrs.Select(c => c.Family).ToArray();

    public bool Has(IpFamily family) => Cidrs.Any(c => c.Family == family);

    public Subnet For(IpFamily family) => Cidrs.First(c => c.Family == family);

    /// <summary>Checks the list (K-7, <see cref="CidrList"/>): every problem, each naming <c>--service-cidrs</c>.</summary>
    public static IReadOnlyList<DomainError> Validate(IReadOnlyList<Subnet> cidrs) =>
        CidrList.Check(cidrs, ServiceFieldPaths.ServiceCidrsFlag, "service");

    public static bool TryCreate(IReadOnlyList<Subnet> cidrs, out ServiceIpRanges? ranges, out IReadOnlyList<DomainError> errors)
    {
        errors = Validate(cidrs);
        ranges = errors.Count == 0 ? new ServiceIpRanges(cidrs.ToArray()) : null;
        return ranges is not null;
    }

    public static ServiceIpRanges Create(IReadOnlyList<Subnet> cidrs) =>
        TryCreate(cidrs, out var ranges, out var errors) ? ranges! : throw new DomainException(errors);
}
