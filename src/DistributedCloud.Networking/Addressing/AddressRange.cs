using System.Net;
using System.Numerics;

namespace DistributedCloud.Networking.Addressing;

/// <summary>An inclusive range of addresses of one family, <c>start-end</c>.</summary>
public readonly record struct AddressRange
{
    public AddressRange(UInt128 start, UInt128 end, IpFamily family)
    {
        if (start > end)
        {
            throw new ArgumentException("A range's start must not be after its end.", nameof(start));
        }

        if (end > IpAddressMath.MaxValue(family))
        {
            throw new ArgumentOutOfRangeException(nameof(end), "The end does not fit the family.");
        }

        Start = start;
        End = end;
        Family = family;
    }

    public UInt128 Start { get; }

    public UInt128 End { get; }

    public IpFamily Family { get; }

    public BigInteger Count => (BigInteger)(End - Start) + 1;

    public IPAddress StartAddress => IpAddressMath.ToAddress(Start, Family);

    public IPAddress EndAddress => IpAddressMath.ToAddress(End, Family);

    public static AddressRange Of(IPAddress start, IPAddress end)
    {
        var family = IpFamilyExtensions.FamilyOf(start);
        if (IpFamilyExtensions.FamilyOf(end) != family)
        {
            throw new ArgumentException("A range's start and end must be of one family.", nameof(end));
        }

        return new AddressRange(IpAddressMath.ToUInt128(start), IpAddressMath.ToUInt128(end), family);
    }

    public bool Contains(UInt128 value) => value >= Start && value <= End;

    public bool Contains(IPAddress address) =>
        IpFamilyExtensions.FamilyOf(address) == Family && Contains(IpAddressMath.ToUInt128(address));

    public bool Overlaps(AddressRange other) => other.Family == Family && other.Start <= End && Start <= other.End;

    public bool Overlaps(Subnet subnet) => subnet.Family == Family && subnet.First <= End && Start <= subnet.Last;

    public override string ToString() => $"{StartAddress}-{EndAddress}";
}
