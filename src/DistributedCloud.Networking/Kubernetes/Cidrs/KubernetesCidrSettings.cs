namespace DistributedCloud.Networking.Kubernetes.Cidrs;

/// <summary>
/// A cluster's CIDR settings as an operator writes them (the flags of <c>dcctl k8s validate-cidrs</c>).
/// Text stays raw so that every parse problem is reported as a rule violation with the others.
/// A null or blank list means "not given": the rules that need it are not checked.
/// </summary>
/// <param name="ServiceCidrs">Service CIDRs, comma separated, primary first (kube-apiserver <c>--service-cluster-ip-range</c>).</param>
/// <param name="PodCidrs">Pod CIDRs, comma separated, primary first (kube-controller-manager <c>--cluster-cidr</c>).</param>
/// <param name="NodeMaskV4">kube-controller-manager <c>--node-cidr-mask-size-ipv4</c> (default 24).</param>
/// <param name="NodeMaskV6">kube-controller-manager <c>--node-cidr-mask-size-ipv6</c> (default 64).</param>
/// <param name="NodeMask">The family-less legacy <c>--node-cidr-mask-size</c> (single-stack only).</param>
/// <param name="NodeIps">kubelet <c>--node-ip</c>: one address or a dual-stack pair, primary first.</param>
/// <param name="CloudProvider">kubelet <c>--cloud-provider</c>: null, empty or <c>none</c> for bare metal.</param>
public sealed record KubernetesCidrSettings(
    string? ServiceCidrs = null,
    string? PodCidrs = null,
    int? NodeMaskV4 = null,
    int? NodeMaskV6 = null,
    int? NodeMask = null,
    string? NodeIps = null,
    string? CloudProvider = null);
