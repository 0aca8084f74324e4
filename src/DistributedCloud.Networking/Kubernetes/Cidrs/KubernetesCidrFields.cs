namespace DistributedCloud.Networking.Kubernetes.Cidrs;

/// <summary>The field names errors carry: the <c>dcctl k8s validate-cidrs</c> flags, so an operator knows what to change.</summary>
public static class KubernetesCidrFields
{
    public const string ServiceCidrs = "--service-cidrs";
    public const string PodCidrs = "--pod-cidrs";
    public const string NodeMaskV4 = "--node-mask-v4";
    public const string NodeMaskV6 = "--node-mask-v6";
    public const string NodeMask = "--node-mask";
    public const string NodeIps = "--node-ip";
    public const string CloudProvider = "--cloud-provider";
}
