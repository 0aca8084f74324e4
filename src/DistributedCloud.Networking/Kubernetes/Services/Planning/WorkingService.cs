using DistributedCloud.Networking.Kubernetes.Services.Model;

namespace DistributedCloud.Networking.Kubernetes.Services.Planning;

/// <summary>
/// The mutable copy of a Service the planner's phases work on, in the apiserver's order. It never leaves the
/// planner: callers see <see cref="ServiceSpec"/> in and <see cref="ResolvedServiceSpec"/> out.
/// </summary>
internal sealed class WorkingService
{
    public string Name { get; set; } = string.Empty;

    public string Namespace { get; set; } = "default";

    public string Type { get; set; } = ServiceTypes.ClusterIP;

    /// <summary>Empty when not set (the apiserver does not tell empty from absent here).</summary>
    public string ClusterIP { get; set; } = string.Empty;

    public List<string> ClusterIPs { get; set; } = [];

    public List<string> IpFamilies { get; set; } = [];

    public string? IpFamilyPolicy { get; set; }

    public bool HasSelector { get; set; }

    public string? ExternalName { get; set; }

    public bool IsExternalName => Type == ServiceTypes.ExternalName;

    /// <summary>Headless as validation sees it: exactly one cluster IP, and it is <c>None</c>.</summary>
    public bool IsHeadless => ClusterIPs.Count == 1 && ClusterIPs[0] == Validation.ClusterIpText.None;

    /// <summary>Headless and selectorless: the special case of K-16/K-20.</summary>
    public bool IsHeadlessSelectorless => ClusterIP == Validation.ClusterIpText.None && !HasSelector;

    /// <summary>The policy, or the empty string when none is set (callers compare against exact values).</summary>
    public string PolicyOrEmpty => IpFamilyPolicy ?? string.Empty;

    /// <summary>Reads a manifest's fields and applies the apiserver's decode-time defaulting (type: ClusterIP).</summary>
    public static WorkingService From(ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new WorkingService
        {
            Name = spec.Name ?? string.Empty,
            Namespace = spec.EffectiveNamespace,
            Type = string.IsNullOrEmpty(spec.Type) ? ServiceTypes.ClusterIP : spec.Type,
            ClusterIP = spec.ClusterIP ?? string.Empty,
            ClusterIPs = [.. spec.ClusterIPs],
            IpFamilies = [.. spec.IpFamilies],
            IpFamilyPolicy = spec.IpFamilyPolicy,
            HasSelector = spec.HasSelector,
            ExternalName = spec.ExternalName,
        };
    }

    public ResolvedServiceSpec ToResolved() => new(
        IpFamilyPolicy,
        [.. IpFamilies],
        ClusterIP.Length == 0 ? null : ClusterIP,
        [.. ClusterIPs]);
}
