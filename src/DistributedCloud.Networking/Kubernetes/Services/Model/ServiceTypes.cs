namespace DistributedCloud.Networking.Kubernetes.Services.Model;

/// <summary>The values of spec.type (case-sensitive, as the apiserver reads them).</summary>
public static class ServiceTypes
{
    public const string ClusterIP = "ClusterIP";
    public const string NodePort = "NodePort";
    public const string LoadBalancer = "LoadBalancer";
    public const string ExternalName = "ExternalName";

    public static IReadOnlyList<string> All { get; } = [ClusterIP, ExternalName, LoadBalancer, NodePort];

    public static bool IsSupported(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    /// <summary>Types that get cluster IPs assigned (everything but ExternalName).</summary>
    public static bool GetsClusterIP(string? type) => type is ClusterIP or NodePort or LoadBalancer;
}
