using System.Security.Cryptography;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>D-1: a subcloud's region is a unique 32-hex id generated at add.</summary>
public static class RegionIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? region) =>
        region is { Length: 32 } && region.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
