using System.Globalization;

namespace DistributedCloud.Networking.Kubernetes.Services.Model;

/// <summary>Field paths exactly as the Kubernetes apiserver names them in its validation errors.</summary>
public static class ServiceFieldPaths
{
    public const string Type = "spec.type";
    public const string ClusterIP = "spec.clusterIP";
    public const string ClusterIPs = "spec.clusterIPs";
    public const string IpFamilies = "spec.ipFamilies";
    public const string IpFamilyPolicy = "spec.ipFamilyPolicy";
    public const string ExternalName = "spec.externalName";

    /// <summary>The command-line flag that carries the cluster's service CIDRs.</summary>
    public const string ServiceCidrsFlag = "--service-cidrs";

    public static string ClusterIPAt(int index) => Indexed(ClusterIPs, index);

    public static string IpFamilyAt(int index) => Indexed(IpFamilies, index);

    private static string Indexed(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
