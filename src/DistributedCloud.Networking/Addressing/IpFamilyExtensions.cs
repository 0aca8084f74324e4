using System.Net;
using System.Net.Sockets;

namespace DistributedCloud.Networking.Addressing;

public static class IpFamilyExtensions
{
    /// <summary>Number of bits in an address of the family.</summary>
    public static int Width(this IpFamily family) => family == IpFamily.IPv4 ? 32 : 128;

    /// <summary>The other family: IPv4 for IPv6 and the reverse.</summary>
    public static IpFamily Other(this IpFamily family) => family == IpFamily.IPv4 ? IpFamily.IPv6 : IpFamily.IPv4;

    /// <summary>The family's name as operators and Kubernetes write it: <c>IPv4</c> or <c>IPv6</c>.</summary>
    public static string Name(this IpFamily family) => family == IpFamily.IPv4 ? "IPv4" : "IPv6";

    public static IpFamily FamilyOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IpFamily.IPv4,
            AddressFamily.InterNetworkV6 => IpFamily.IPv6,
            _ => throw new ArgumentException($"'{address}' is neither an IPv4 nor an IPv6 address.", nameof(address)),
        };
    }

    /// <summary>Parses <c>IPv4</c>/<c>IPv6</c> (case-sensitive, as Kubernetes does).</summary>
    public static bool TryParse(string? text, out IpFamily family)
    {
        switch (text)
        {
            case "IPv4":
                family = IpFamily.IPv4;
                return true;
            case "IPv6":
                family = IpFamily.IPv6;
                return true;
            default:
                family = default;
                return false;
        }
    }
}
