namespace DistributedCloud.Networking.Kubernetes.Services.Model;

/// <summary>The rule ids of kubernetes.md that Service IP-family errors cite.</summary>
public static class ServiceRules
{
    /// <summary>Service and pod CIDR lists: one entry, or two of different families.</summary>
    public const string CidrList = "K-7";

    /// <summary>ExternalName: nothing defaulted, IP fields forbidden, and a valid externalName.</summary>
    public const string ExternalName = "K-15";

    /// <summary>The policy: its values and its default.</summary>
    public const string Policy = "K-16";

    /// <summary>clusterIP/clusterIPs/ipFamilies sync and well-formedness.</summary>
    public const string FieldSync = "K-17";

    /// <summary>
    /// spec.type is one of ClusterIP, NodePort, LoadBalancer, ExternalName. kubernetes.md has no rule of its own
    /// for it; it is the well-formedness check of K-17, and has nothing to do with ExternalName (K-15).
    /// </summary>
    public const string ServiceType = FieldSync;

    /// <summary>SingleStack with two IPs or two families.</summary>
    public const string SingleStack = "K-18";

    /// <summary>Families inferred from clusterIPs; an IP of a family the cluster lacks.</summary>
    public const string InferredFamily = "K-19";

    /// <summary>Headless services.</summary>
    public const string Headless = "K-20";

    /// <summary>Requested families and dual-stack against the cluster.</summary>
    public const string ClusterFamilies = "K-21";

    /// <summary>Family defaulting.</summary>
    public const string FamilyDefaults = "K-22";

    /// <summary>Update rules: immutable primaries, downgrade needs SingleStack.</summary>
    public const string Update = "K-23";

    /// <summary>Allocation of cluster IPs from the service CIDRs.</summary>
    public const string Allocation = "K-24";
}
