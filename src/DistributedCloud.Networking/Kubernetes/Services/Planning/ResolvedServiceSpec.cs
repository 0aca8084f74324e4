namespace DistributedCloud.Networking.Kubernetes.Services.Planning;

/// <summary>
/// The four IP-family fields of a Service as the apiserver would store them. ExternalName services have a null
/// policy, no families, a null clusterIP and no clusterIPs; headless services have clusterIPs <c>["None"]</c>.
/// </summary>
public sealed record ResolvedServiceSpec(
    string? IpFamilyPolicy,
    IReadOnlyList<string> IpFamilies,
    string? ClusterIP,
    IReadOnlyList<string> ClusterIPs);
