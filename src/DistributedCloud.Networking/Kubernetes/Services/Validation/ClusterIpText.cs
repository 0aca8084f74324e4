using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Networking.Kubernetes.Services.Validation;

/// <summary>
/// Reads cluster IPs the way the apiserver does for this legacy field: IPv4 as a dotted quad (leading zeros
/// tolerated), IPv6 in any standard notation without a zone; an IPv4-mapped IPv6 address counts as IPv4.
/// </summary>
public static class ClusterIpText
{
    /// <summary>The headless marker of clusterIP/clusterIPs.</summary>
    public const string None = "None";

    public static bool TryParse(string? text, out UInt128 value, out IpFamily family)
    {
        value = UInt128.Zero;
        family = IpFamily.IPv4;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.AsSpan().IndexOfAny("%[]/ \t") >= 0
                || !IPAddress.TryParse(text, out var v6)
                || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            if (v6.IsIPv4MappedToIPv6)
            {
                value = IpAddressMath.ToUInt128(v6.MapToIPv4());
                family = IpFamily.IPv4;
                return true;
            }

            value = IpAddressMath.ToUInt128(v6);
            family = IpFamily.IPv6;
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        uint v4 = 0;
        foreach (var part in parts)
        {
            if (part.Length == 0 || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            var trimmed = part.TrimStart('0');
            if (trimmed.Length > 3)
            {
                return false;
            }

            var octet = trimmed.Length == 0 ? 0 : int.Parse(trimmed, CultureInfo.InvariantCulture);
            if (octet > 255)
            {
                return false;
            }

            v4 = (v4 << 8) | (uint)octet;
        }

        value = v4;
        family = IpFamily.IPv4;
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    /// <summary>The family of a well-formed IP, or null for anything else.</summary>
    public static IpFamily? FamilyOf(string? text) => TryParse(text, out _, out var family) ? family : null;

    /// <summary>True when the text is an IPv6 address (what the apiserver's IsIPv6String answers).</summary>
    public static bool IsIPv6(string? text) => FamilyOf(text) == IpFamily.IPv6;
}
