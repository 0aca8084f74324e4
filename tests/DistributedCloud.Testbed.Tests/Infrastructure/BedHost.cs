namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary>One host of the bed as scripts/testbed laid it out (its hosts.tsv): name, primary family, addresses, agent URLs.</summary>
public sealed record BedHost(string Name, string Primary, string? IPv4, string? IPv6, string? AgentPrimaryUrl, string? AgentSecondaryUrl)
{
    public string Secondary => Primary == "ipv6" ? "ipv4" : "ipv6";

    public string? Address(string family) => family == "ipv6" ? IPv6 : IPv4;

    public string PrimaryAddress => Address(Primary) ?? throw new InvalidOperationException($"{Name} has no {Primary} address");

    public bool IsDualStack => IPv4 is not null && IPv6 is not null;

    /// <summary>The agent's URL on <paramref name="family"/> (https only, S-4).</summary>
    public string AgentUrl(string family) => Address(family) is { } address
        ? family == "ipv6" ? $"https://[{address}]:50052" : $"https://{address}:50052"
        : throw new InvalidOperationException($"{Name} has no {family} address");

    /// <summary>True when <paramref name="url"/> names this host, by name or by one of its addresses.</summary>
    public bool Serves(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Trim('[', ']') is var host
        && (string.Equals(host, Name, StringComparison.OrdinalIgnoreCase) || host == IPv4 || (IPv6 is not null && System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.TryParse(IPv6, out var own) && ip.Equals(own)));

    public static BedHost Parse(string line)
    {
        var f = line.Split('\t');
        static string? Value(string text) => text.Length == 0 ? null : text;
        return new BedHost(f[0], f[1], Value(f[2]), Value(f[3]), Value(f[4]), Value(f[5]));
    }
}
