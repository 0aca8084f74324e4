namespace DistributedCloud.Networking.Kubernetes.Services.Model;

/// <summary>The values of spec.ipFamilyPolicy (case-sensitive).</summary>
public static class IpFamilyPolicies
{
    public const string SingleStack = "SingleStack";
    public const string PreferDualStack = "PreferDualStack";
    public const string RequireDualStack = "RequireDualStack";

    public static IReadOnlyList<string> All { get; } = [PreferDualStack, RequireDualStack, SingleStack];

    public static bool IsSupported(string? policy) => policy is not null && All.Contains(policy, StringComparer.Ordinal);
}
