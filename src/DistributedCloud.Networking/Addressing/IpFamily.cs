namespace DistributedCloud.Networking.Addressing;

/// <summary>An address family. The numeric values are the protocol versions.</summary>
public enum IpFamily
{
    IPv4 = 4,
    IPv6 = 6,
}
