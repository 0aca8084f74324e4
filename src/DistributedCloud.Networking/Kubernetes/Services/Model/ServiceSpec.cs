namespace DistributedCloud.Networking.Kubernetes.Services.Model;

/// <summary>
/// The fields of a Kubernetes Service that decide its IP families, exactly as written in a manifest:
/// values stay raw strings so that invalid input can be reported back in the operator's own words.
/// A null <see cref="Type"/> or <see cref="IpFamilyPolicy"/> means the field was absent.
/// </summary>
public sealed record ServiceSpec
{
    /// <summary>metadata.name (used only to derive a stable address when one is allocated).</summary>
    public string? Name { get; init; }

    /// <summary>metadata.namespace; absent means <c>default</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>spec.type; absent or empty is defaulted to ClusterIP as the apiserver does.</summary>
    public string? Type { get; init; }

    /// <summary>spec.clusterIP: an address, <c>None</c> (headless) or empty.</summary>
    public string? ClusterIP { get; init; }

    public IReadOnlyList<string> ClusterIPs { get; init; } = [];

    public IReadOnlyList<string> IpFamilies { get; init; } = [];

    /// <summary>spec.ipFamilyPolicy; null when absent (an empty string is a value, and an invalid one).</summary>
    public string? IpFamilyPolicy { get; init; }

    /// <summary>Whether spec.selector holds at least one label.</summary>
    public bool HasSelector { get; init; }

    /// <summary>spec.externalName (the CNAME of an ExternalName service).</summary>
    public string? ExternalName { get; init; }

    /// <summary>The namespace the apiserver would use.</summary>
    public string EffectiveNamespace => string.IsNullOrEmpty(Namespace) ? "default" : Namespace;
}
