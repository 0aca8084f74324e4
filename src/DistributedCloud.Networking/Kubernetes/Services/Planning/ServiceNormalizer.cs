using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using DistributedCloud.Networking.Kubernetes.Services.Validation;

namespace DistributedCloud.Networking.Kubernetes.Services.Planning;

/// <summary>
/// The apiserver's field fix-ups around allocation: reading a stored object, keeping allocated values on a
/// resubmitted object, syncing clusterIP with clusterIPs, and clearing IP fields on a switch to ExternalName.
/// </summary>
internal static class ServiceNormalizer
{
    /// <summary>
    /// Completes a stored object that predates clusterIPs/ipFamilies, as the apiserver does when it reads one
    /// (K-23: the object before an update is taken as stored).
    /// </summary>
    public static void DefaultOnRead(WorkingService stored, ServiceIpRanges ranges)
    {
        NormalizeClusterIPs(stored, null);
        if (stored.IsExternalName || stored.IpFamilies.Count > 0)
        {
            return;
        }

        if (stored.ClusterIP == ClusterIpText.None)
        {
            if (!stored.HasSelector)
            {
                stored.IpFamilyPolicy = IpFamilyPolicies.RequireDualStack;
                stored.IpFamilies = [ranges.Primary.Name(), ranges.Primary.Other().Name()];
            }
            else
            {
                stored.IpFamilyPolicy = IpFamilyPolicies.SingleStack;
                stored.IpFamilies = [ranges.Primary.Name()];
            }

            return;
        }

        stored.IpFamilies = stored.ClusterIPs
            .Select(ip => ClusterIpText.IsIPv6(ip) ? IpFamily.IPv6.Name() : IpFamily.IPv4.Name())
            .ToList();
        if (stored.IpFamilies.Count == 1)
        {
            stored.IpFamilyPolicy = IpFamilyPolicies.SingleStack;
        }
        else if (stored.IpFamilies.Count == 2)
        {
            stored.IpFamilyPolicy = IpFamilyPolicies.RequireDualStack;
        }
    }

    /// <summary>
    /// Resubmitting an object without the addresses allocated to it keeps them (K-23): clusterIP and clusterIPs
    /// are copied from the stored object when both sides get cluster IPs.
    /// </summary>
    public static void PatchAllocatedValues(WorkingService service, WorkingService stored)
    {
        if (!stored.IsExternalName && !service.IsExternalName)
        {
            if (service.ClusterIP.Length == 0)
            {
                service.ClusterIP = stored.ClusterIP;
            }

            if (service.ClusterIPs.Count == 0 && stored.ClusterIPs.Count > 0)
            {
                service.ClusterIPs = [.. stored.ClusterIPs];
            }
        }
    }

    /// <summary>Keeps clusterIP and clusterIPs in step before anything looks at them (K-17).</summary>
    public static void NormalizeClusterIPs(WorkingService service, WorkingService? stored)
    {
        if (stored is null)
        {
            // Create: an old-style client gave only the singular field.
            if (service.ClusterIP.Length > 0 && service.ClusterIPs.Count == 0)
            {
                service.ClusterIPs = [service.ClusterIP];
            }

            return;
        }

        // An old-style client dropped clusterIPs but kept clusterIP as stored.
        if (stored.ClusterIPs.Count > 0 && service.ClusterIPs.Count == 0 && stored.ClusterIP == service.ClusterIP)
        {
            service.ClusterIPs = [.. stored.ClusterIPs];
        }

        if (stored.ClusterIP != service.ClusterIP)
        {
            if (stored.ClusterIP.Length > 0 && service.ClusterIP.Length == 0)
            {
                // Clearing the singular field clears the plural one too, unless the plural one was changed.
                if (SameClusterIPs(stored, service))
                {
                    service.ClusterIPs = [];
                }
            }
            else if (SameClusterIPs(stored, service))
            {
                service.ClusterIPs = [service.ClusterIP];
            }
        }
    }

    /// <summary>
    /// On a switch to ExternalName, IP fields the user left as stored are dropped (they would be released);
    /// fields the user changed stay, for validation to refuse (K-15).
    /// </summary>
    public static void DropTypeDependentFields(WorkingService service, WorkingService stored)
    {
        if (stored.IsExternalName || !service.IsExternalName)
        {
            return;
        }

        if (stored.ClusterIP == service.ClusterIP && SameClusterIPs(stored, service))
        {
            service.ClusterIP = string.Empty;
            service.ClusterIPs = [];
        }

        if (SameIpFamilies(stored, service))
        {
            service.IpFamilies = [];
        }

        if (stored.PolicyOrEmpty == service.PolicyOrEmpty)
        {
            service.IpFamilyPolicy = null;
        }
    }

    /// <summary>Same clusterIPs, entry by entry (the singular field is not compared).</summary>
    public static bool SameClusterIPs(WorkingService left, WorkingService right) =>
        left.ClusterIPs.SequenceEqual(right.ClusterIPs, StringComparer.Ordinal);

    public static bool SameIpFamilies(WorkingService left, WorkingService right) =>
        left.IpFamilies.SequenceEqual(right.IpFamilies, StringComparer.Ordinal);
}
