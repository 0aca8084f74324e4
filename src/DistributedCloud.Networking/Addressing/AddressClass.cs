namespace DistributedCloud.Networking.Addressing;

/// <summary>Classification of subnets as unicast or multicast (N-4).</summary>
public static class AddressClass
{
    private static readonly Subnet V4Multicast = Subnet.Parse("224.0.0.0/4");
    private static readonly Subnet V6Multicast = Subnet.Parse("ff00::/8");
    private static readonly Subnet V4ThisNetwork = Subnet.Parse("0.0.0.0/8");
    private static readonly Subnet V4Loopback = Subnet.Parse("127.0.0.0/8");
    private static readonly Subnet V4Reserved = Subnet.Parse("240.0.0.0/4");

    public static bool IsMulticast(Subnet subnet) =>
        subnet.Family == IpFamily.IPv4 ? V4Multicast.Contains(subnet) : V6Multicast.Contains(subnet);

    /// <summary>
    /// A subnet that hosts can use as addresses: not the unspecified or loopback space, not IPv4's reserved or
    /// broadcast space, and not multicast.
    /// </summary>
    public static bool IsUnicast(Subnet subnet)
    {
        if (IsMulticast(subnet))
        {
            return false;
        }

        if (subnet.Family == IpFamily.IPv4)
        {
            return !V4ThisNetwork.Overlaps(subnet) && !V4Loopback.Overlaps(subnet) && !V4Reserved.Overlaps(subnet);
        }

        // :: and ::1 are the unspecified and loopback addresses; ::/127 holds both.
        return subnet.First > UInt128.One && subnet.PrefixLength > 0;
    }
}
