using System.Globalization;
using System.Net;
using System.Text;

namespace DistributedCloud.Controller.Simulator.Fleet;

/// <summary>
/// The bench fleet, derived from a site's index alone so the simulator and the driver agree without sharing state:
/// its name, its agent address on IPv4 loopback (127.1.x.y: the simulator tells sites apart by the address a call
/// arrived at), an AIO-SX IPv4 bootstrap file and the IPv6 secondary subnets of a dual-stack strategy. Subnets are
/// test ranges (198.18.0.0/15, 2001:db8::/32) and only ever data: no traffic goes to them.
/// </summary>
public static class FleetLayout
{
    /// <summary>Sites per third octet: 127.1.X.1..250.</summary>
    private const int PerOctet = 250;

    /// <summary>Management ranges are 4 addresses each inside one shared 198.18.0.0/16 (N-37: no range overlap).</summary>
    public const int MaxSites = 16_000;

    public static string Name(int index) => string.Create(CultureInfo.InvariantCulture, $"sc{index:D5}");

    public static IPAddress Address(int index)
    {
        Check(index);
        return new IPAddress([127, 1, (byte)(index / PerOctet), (byte)((index % PerOctet) + 1)]);
    }

    /// <summary>The site index of a loopback address of this layout, or null.</summary>
    public static int? IndexOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (bytes.Length != 4 || bytes[0] != 127 || bytes[1] != 1 || bytes[3] is 0 or > PerOctet)
        {
            return null;
        }

        var index = (bytes[2] * PerOctet) + bytes[3] - 1;
        return index < MaxSites ? index : null;
    }

    /// <summary>
    /// A system controller the fleet's subclouds may join: IPv4-primary like them (N-34), dual-stack. The subcloud
    /// records of the simulator tests and the channel bench are admitted against it.
    /// </summary>
    public const string SystemControllerYaml = """
        system_mode: duplex
        external_oam_subnet: 198.18.120.0/24,2001:db8:120::/64
        external_oam_gateway_address: 198.18.120.1,2001:db8:120::1
        external_oam_floating_address: 198.18.120.2,2001:db8:120::2
        external_oam_node_0_address: 198.18.120.3,2001:db8:120::3
        external_oam_node_1_address: 198.18.120.4,2001:db8:120::4
        management_subnet: 198.18.20.0/24,2001:db8:20::/64
        """;

    /// <summary>An AIO-SX, IPv4 single-stack site: shared oam and cluster subnets, its own 4-address management range.</summary>
    public static string BootstrapYaml(int index)
    {
        Check(index);
        var first = 4 + (4 * index);
        return string.Create(CultureInfo.InvariantCulture, $"""
            system_mode: simplex
            external_oam_subnet: 198.19.128.0/24
            external_oam_gateway_address: 198.19.128.1
            external_oam_floating_address: 198.19.128.2
            management_subnet: 198.18.0.0/16
            management_start_address: {Ipv4(first)}
            management_end_address: {Ipv4(first + 3)}
            cluster_host_subnet: 198.19.252.0/24
            cluster_pod_subnet: 198.19.64.0/20
            cluster_service_subnet: 198.19.80.0/20
            software_version: "25.09"
            """);
    }

    /// <summary>The IPv6 values a dual-stack strategy adds to site <paramref name="index"/> (its own management /64).</summary>
    public static IReadOnlyDictionary<string, string> SecondarySubnets(int index)
    {
        Check(index);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["external_oam_subnet"] = "2001:db8:2::/64",
            ["external_oam_gateway_address"] = "2001:db8:2::1",
            ["external_oam_floating_address"] = "2001:db8:2::2",
            ["management_subnet"] = string.Create(CultureInfo.InvariantCulture, $"2001:db8:1:{index:x}::/64"),
            ["cluster_host_subnet"] = "2001:db8:3::/64",
            ["cluster_pod_subnet"] = "2001:db8:4::/64",
            ["cluster_service_subnet"] = "2001:db8:5::/112",
        };
    }

    private static string Ipv4(int offset)
    {
        var text = new StringBuilder("198.18.");
        text.Append((offset >> 8) & 0xff).Append('.').Append(offset & 0xff);
        return text.ToString();
    }

    private static void Check(int index)
    {
        if (index is < 0 or >= MaxSites)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the bench fleet has sites 0..{MaxSites - 1}");
        }
    }
}
