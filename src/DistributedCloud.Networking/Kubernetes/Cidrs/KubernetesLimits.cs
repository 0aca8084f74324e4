namespace DistributedCloud.Networking.Kubernetes.Cidrs;

/// <summary>The numbers upstream Kubernetes enforces on cluster CIDRs (kubeadm constants, kube-apiserver, node IPAM).</summary>
public static class KubernetesLimits
{
    /// <summary>A service range may have at most this many host bits (IPv4 /12, IPv6 /108), K-8.</summary>
    public const int MaximumServiceHostBits = 20;

    /// <summary>kubeadm's MinimumAddressesInServiceSubnet, K-8.</summary>
    public const int MinimumServiceAddresses = 10;

    /// <summary>kubeadm's MinimumAddressesInPodSubnet, K-9.</summary>
    public const int MinimumPodAddresses = 14;

    /// <summary>kubeadm's PodSubnetNodeMaskMaxDiff and node IPAM's clusterSubnetMaxDiff, K-9.</summary>
    public const int MaximumNodeMaskDifference = 16;

    /// <summary>kube-controller-manager's default <c>--node-cidr-mask-size-ipv4</c>.</summary>
    public const int DefaultNodeMaskV4 = 24;

    /// <summary>kube-controller-manager's default <c>--node-cidr-mask-size-ipv6</c>.</summary>
    public const int DefaultNodeMaskV6 = 64;

    /// <summary>Cloud provider values that allow a dual-stack <c>--node-ip</c> pair (K-12).</summary>
    public const string ExternalCloudProvider = "external";

    public static int DefaultNodeMask(Addressing.IpFamily family) =>
        family == Addressing.IpFamily.IPv4 ? DefaultNodeMaskV4 : DefaultNodeMaskV6;
}
