using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using DistributedCloud.Networking.Kubernetes.Services.Validation;

namespace DistributedCloud.Networking.Kubernetes.Services.Planning;

/// <summary>
/// Assigns cluster IPs (K-24): one per family, requested addresses as given (if they are usable in the range of
/// their family), others derived from a stable hash of namespace/name, so the same input always plans the same.
/// </summary>
/// <remarks>
/// Usable addresses exclude the network address and, for IPv4, the broadcast address. The first usable address
/// is left to the <c>kubernetes</c> service. Like the apiserver's allocator, automatic picks come from the upper
/// part of the range when it is large enough, leaving a lower band (1/16 of the range, 16..256 addresses) to
/// addresses requested by hand.
/// </remarks>
internal static class ClusterIpAllocator
{
    /// <summary>Create, or an update from ExternalName: every family without an address gets one.</summary>
    public static List<DomainError> AllocateAll(WorkingService service, ServiceIpRanges ranges)
    {
        if (service.IsExternalName || (service.ClusterIPs.Count > 0 && service.ClusterIPs[0] == ClusterIpText.None))
        {
            return [];
        }

        while (service.ClusterIPs.Count < service.IpFamilies.Count)
        {
            service.ClusterIPs.Add(string.Empty);
        }

        for (var i = 0; i < service.IpFamilies.Count; i++)
        {
            if (!Assign(service, i, ranges, out var error))
            {
                return [error!];
            }
        }

        return [];
    }

    /// <summary>An update: a new type that needs IPs gets them all; an upgrade to two families gets the second.</summary>
    public static List<DomainError> AllocateUpdate(WorkingService service, WorkingService stored, ServiceIpRanges ranges)
    {
        if (IpFamilyInitializer.IsUnchangedPreferDualStack(service, stored))
        {
            return [];
        }

        if (stored.IsExternalName && !service.IsExternalName)
        {
            return AllocateAll(service, ranges);
        }

        if ((stored.ClusterIPs.Count > 0 && stored.ClusterIPs[0] == ClusterIpText.None) || service.IsExternalName)
        {
            return [];
        }

        var upgraded = stored.IpFamilies.Count == 1 && service.IpFamilies.Count == 2;
        if (!upgraded)
        {
            return [];
        }

        while (service.ClusterIPs.Count < 2)
        {
            service.ClusterIPs.Add(string.Empty);
        }

        return Assign(service, 1, ranges, out var error) ? [] : [error!];
    }

    private static bool Assign(WorkingService service, int index, ServiceIpRanges ranges, out DomainError? error)
    {
        error = null;
        if (!IpFamilyExtensions.TryParse(service.IpFamilies[index], out var family) || !ranges.Has(family))
        {
            // Families were checked against the cluster before allocation; this only guards odd stored objects.
            error = new DomainError(ServiceRules.Allocation, ServiceFieldPaths.ClusterIPs,
                $"no service range serves family '{service.IpFamilies[index]}' ({IpFamilyInitializer.Describe(ranges)}); request {string.Join(" or ", ranges.Families.Select(f => f.Name()))}");
            return false;
        }

        var range = ranges.For(family);
        var requested = service.ClusterIPs[index];
        string ip;
        if (requested.Length == 0)
        {
            var picked = Pick(range, $"{service.Namespace}/{service.Name}/{family.Name()}");
            if (picked is null)
            {
                error = new DomainError(ServiceRules.Allocation, ServiceFieldPaths.ClusterIPs,
                    $"the {family.Name()} service range {range} has no address left to allocate; use a larger service CIDR");
                return false;
            }

            ip = IpAddressMath.ToAddress(picked.Value, family).ToString();
        }
        else
        {
            var problem = CheckRequested(requested, range);
            if (problem is not null)
            {
                error = new DomainError(ServiceRules.Allocation, ServiceFieldPaths.ClusterIPs,
                    $"cannot allocate {requested}: {problem}");
                return false;
            }

            ip = requested;
        }

        service.ClusterIPs[index] = ip;
        if (index == 0)
        {
            service.ClusterIP = ip;
        }

        return true;
    }

    /// <summary>Why a requested address cannot be used in the range, or null when it can.</summary>
    internal static string? CheckRequested(string requested, Subnet range)
    {
        if (!ClusterIpText.TryParse(requested, out var value, out var family) || family != range.Family)
        {
            return $"it is not an {range.Family.Name()} address of the service range {range}";
        }

        if (!range.Contains(value))
        {
            return $"it is outside the {family.Name()} service range {range}; pick an address inside it, or leave clusterIP unset to have one allocated";
        }

        if (value == range.First)
        {
            return $"it is the network address of the service range {range}; pick a host address inside it";
        }

        var (first, last) = Usable(range);
        if (range.Family == IpFamily.IPv4 && value == range.Last && range.PrefixLength < 31)
        {
            return $"it is the broadcast address of the service range {range}; pick a host address inside it";
        }

        if (first > last || value < first || value > last)
        {
            return $"the service range {range} has no usable host addresses; use a larger service CIDR";
        }

        return null;
    }

    /// <summary>First and last usable address: no network address, no IPv4 broadcast (first > last when none).</summary>
    internal static (UInt128 First, UInt128 Last) Usable(Subnet range)
    {
        if (range.First == range.Last)
        {
            return (UInt128.One, UInt128.Zero);
        }

        var first = range.First + 1;
        var last = range.Family == IpFamily.IPv4 ? range.Last - 1 : range.Last;
        return (first, last);
    }

    /// <summary>A stable pick from the usable addresses, never the first (the kubernetes service's); null if none.</summary>
    internal static UInt128? Pick(Subnet range, string key)
    {
        var (first, last) = Usable(range);
        if (first > last)
        {
            return null;
        }

        var usable = last - first + 1;
        if (usable < 2)
        {
            return null;
        }

        // Candidates are offsets 1..usable-1; prefer the dynamic band above the static one when there is room.
        var band = UInt128.Clamp(usable / 16, 16, 256);
        var low = usable - 1 > band ? band : UInt128.One;
        var count = usable - low;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var draw = BinaryPrimitives.ReadUInt128BigEndian(hash);
        return first + low + (draw % count);
    }
}
