using System.Net;
using System.Numerics;

namespace DistributedCloud.Networking.Addressing;

/// <summary>
/// A network address and prefix length, held as a 128-bit integer so containment and overlap are exact.
/// The network address never has host bits set.
/// </summary>
public readonly record struct Subnet
{
    private Subnet(UInt128 network, int prefixLength, IpFamily family)
    {
        Network = network;
        PrefixLength = prefixLength;
        Family = family;
    }

    public UInt128 Network { get; }

    public int PrefixLength { get; }

    public IpFamily Family { get; }

    /// <summary>The first address (the network address).</summary>
    public UInt128 First => Network;

    /// <summary>The last address (for IPv4 the broadcast address).</summary>
    public UInt128 Last => Network | IpAddressMath.HostMask(Family, PrefixLength);

    /// <summary>Number of addresses in the subnet (up to 2^128, hence a big integer).</summary>
    public BigInteger Count => (BigInteger)(Last - First) + 1;

    public int HostBits => Family.Width() - PrefixLength;

    public IPAddress NetworkAddress => IpAddressMath.ToAddress(Network, Family);

    public IPAddress LastAddress => IpAddressMath.ToAddress(Last, Family);

    /// <summary>Creates a subnet, refusing a prefix outside the family's width or an address with host bits set.</summary>
    public static bool TryCreate(IPAddress address, int prefixLength, out Subnet subnet, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(address);
        subnet = default;
        var family = IpFamilyExtensions.FamilyOf(address);
        if (prefixLength < 0 || prefixLength > family.Width())
        {
            problem = $"prefix length {prefixLength} is outside 0..{family.Width()} for {family.Name()}";
            return false;
        }

        var value = IpAddressMath.ToUInt128(address);
        if ((value & IpAddressMath.HostMask(family, prefixLength)) != UInt128.Zero)
        {
            var network = value & ~IpAddressMath.HostMask(family, prefixLength) & IpAddressMath.MaxValue(family);
            problem = $"{address}/{prefixLength} has host bits set (the network address is {IpAddressMath.ToAddress(network, family)})";
            return false;
        }

        subnet = new Subnet(value, prefixLength, family);
        problem = null;
        return true;
    }

    public static Subnet Create(IPAddress address, int prefixLength) =>
        TryCreate(address, prefixLength, out var subnet, out var problem)
            ? subnet
            : throw new ArgumentException(problem, nameof(address));

    /// <summary>The subnet of the given prefix that holds the address (host bits cleared).</summary>
    public static Subnet Containing(IPAddress address, int prefixLength)
    {
        var family = IpFamilyExtensions.FamilyOf(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(prefixLength, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, family.Width());
        var value = IpAddressMath.ToUInt128(address) & ~IpAddressMath.HostMask(family, prefixLength) & IpAddressMath.MaxValue(family);
        return new Subnet(value, prefixLength, family);
    }

    /// <summary>Parses <c>address/prefix</c> in the strict form (see <see cref="IpAddressMath.TryParseStrict"/>).</summary>
    public static bool TryParse(string? text, out Subnet subnet, out string? problem)
    {
        subnet = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "empty subnet";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            problem = $"'{text}' is not in address/prefix form";
            return false;
        }

        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (!IpAddressMath.TryParseStrict(addressText, out var address))
        {
            problem = $"'{addressText}' is not a valid IP address";
            return false;
        }

        if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit) || (prefixText.Length > 1 && prefixText[0] == '0'))
        {
            problem = $"'{prefixText}' is not a valid prefix length";
            return false;
        }

        return TryCreate(address, int.Parse(prefixText, System.Globalization.CultureInfo.InvariantCulture), out subnet, out problem);
    }

    /// <summary>
    /// Parses <c>address/prefix</c> as upstream Kubernetes parses service and pod CIDRs (<c>ParseCIDRSloppy</c>):
    /// the same address syntax as <see cref="TryParse"/>, but host bits are cleared instead of refused, so
    /// <c>10.96.0.1/12</c> is <c>10.96.0.0/12</c>. <paramref name="masked"/> tells whether host bits were cleared.
    /// Platform rules that must refuse host bits (N-4) use <see cref="TryParse"/>.
    /// </summary>
    public static bool TryParseMasked(string? text, out Subnet subnet, out bool masked, out string? problem)
    {
        masked = false;
        if (TryParse(text, out subnet, out problem))
        {
            return true;
        }

        // Only a host-bit refusal is worth a second look: the text is then well formed.
        var slash = text!.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IpAddressMath.TryParseStrict(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            || prefix > IpFamilyExtensions.FamilyOf(address).Width()
            || text[(slash + 1)..] != prefix.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return false;
        }

        subnet = Containing(address, prefix);
        masked = true;
        problem = null;
        return true;
    }

    public static Subnet Parse(string text) =>
        TryParse(text, out var subnet, out var problem) ? subnet : throw new FormatException(problem);

    public static Subnet FromIPNetwork(IPNetwork network) => Create(network.BaseAddress, network.PrefixLength);

    public IPNetwork ToIPNetwork() => new(NetworkAddress, PrefixLength);

    public bool Contains(UInt128 value) => value >= First && value <= Last;

    public bool Contains(IPAddress address) =>
        IpFamilyExtensions.FamilyOf(address) == Family && Contains(IpAddressMath.ToUInt128(address));

    public bool Contains(Subnet other) => other.Family == Family && other.First >= First && other.Last <= Last;

    public bool Overlaps(Subnet other) => other.Family == Family && other.First <= Last && First <= other.Last;

    /// <summary>For IPv4 the last address is the broadcast address (not for /31 and /32, which have none).</summary>
    public bool IsBroadcast(UInt128 value) => Family == IpFamily.IPv4 && PrefixLength < 31 && value == Last;

    public override string ToString() => $"{NetworkAddress}/{PrefixLength}";
}
