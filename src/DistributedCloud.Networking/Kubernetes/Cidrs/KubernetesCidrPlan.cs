using System.Net;
using System.Numerics;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Networking.Kubernetes.Cidrs;

/// <summary>One flag (or config field) of one Kubernetes component, as derived from the CIDR settings (K-1..K-3).</summary>
public sealed record ComponentFlag(string Component, string Name, string Value)
{
    public const string KubeApiserver = "kube-apiserver";
    public const string KubeControllerManager = "kube-controller-manager";
    public const string KubeProxy = "kube-proxy";
    public const string Kubelet = "kubelet";

    public override string ToString() => Name.StartsWith('-') ? $"{Component} {Name}={Value}" : $"{Component} {Name}: {Value}";
}

/// <summary>What the node IPAM does with one pod CIDR: the node mask it cuts it into and how many nodes fit (K-9, K-14).</summary>
public sealed record FamilyNodePlan(IpFamily Family, Subnet PodCidr, int NodeMask, BigInteger NodeCapacity);

/// <summary>The values derived from valid CIDR settings. Lists are primary first.</summary>
public sealed record KubernetesCidrPlan(
    IReadOnlyList<Subnet> ServiceCidrs,
    IReadOnlyList<Subnet> PodCidrs,
    IReadOnlyList<IPAddress> NodeIps,
    bool DualStack,
    IpFamily? PrimaryFamily,
    IReadOnlyList<IpFamily> Families,
    IReadOnlyList<FamilyNodePlan> NodeCidrs,
    bool LegacyNodeMask,
    IReadOnlyList<IpFamily> PodIpFamilies,
    IReadOnlyList<ComponentFlag> Flags,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The node mask for the family, or null when the cluster has no pod CIDR of that family.</summary>
    public int? NodeMask(IpFamily family) => NodeCidrs.FirstOrDefault(n => n.Family == family)?.NodeMask;

    /// <summary>How many nodes the pod CIDR of the family can serve (K-14), or null when there is none.</summary>
    public BigInteger? NodeCapacity(IpFamily family) => NodeCidrs.FirstOrDefault(n => n.Family == family)?.NodeCapacity;

    public IEnumerable<ComponentFlag> FlagsOf(string component) => Flags.Where(f => f.Component == component);
}

/// <summary>The outcome of checking CIDR settings: every error found, or the derived plan.</summary>
public sealed record KubernetesCidrValidation(IReadOnlyList<DomainError> Errors, KubernetesCidrPlan? Plan)
{
    public bool IsValid => Errors.Count == 0 && Plan is not null;
}
