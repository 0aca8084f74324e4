using System.Buffers.Binary;
using System.Net;

namespace DistributedCloud.Networking.Addressing;

/// <summary>
/// Exact conversions between addresses and 128-bit integers. All address arithmetic in the product goes
/// through here so that IPv4 and IPv6 follow one code path.
/// </summary>
public static class IpAddressMath
{
    public static UInt128 ToUInt128(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException($"'{address}' cannot be written as bytes.", nameof(address));
        }

        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static IPAddress ToAddress(UInt128 value, IpFamily family)
    {
        if (family == IpFamily.IPv4)
        {
            if (value > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "Value does not fit in an IPv4 address.");
            }

            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)value);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, value);
        return new IPAddress(v6);
    }

    /// <summary>The largest value of the family (all ones).</summary>
    public static UInt128 MaxValue(IpFamily family) => family == IpFamily.IPv4 ? uint.MaxValue : UInt128.MaxValue;

    /// <summary>Mask of the host bits for a prefix length: the low (width - prefix) bits set.</summary>
    public static UInt128 HostMask(IpFamily family, int prefixLength)
    {
        var hostBits = family.Width() - prefixLength;
        return hostBits switch
        {
            <= 0 => UInt128.Zero,
            >= 128 => UInt128.MaxValue,
            _ => (UInt128.One << hostBits) - 1,
        };
    }

    /// <summary>
    /// Strict address parsing for operator input: IPv4 must be a dotted quad (no <c>10.1</c> shorthand,
    /// no leading zeros), IPv6 must carry no zone index.
    /// </summary>
    public static bool TryParseStrict(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Trim().Length != text.Length)
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text, out var v6)
                || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = v6;
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit)
                || int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        address = IPAddress.Parse(text);
        return true;
    }
}
