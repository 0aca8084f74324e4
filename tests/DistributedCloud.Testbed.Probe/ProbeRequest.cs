using System.Globalization;
using System.Net;
using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Testbed.Probe;

/// <summary>
/// What to probe: <c>get-site --url URL [--family ipv4|ipv6] [--resolve NAME=ADDR,ADDR...] [--timeout SECONDS] [--calls N]
/// [--config FILE]</c>. <c>--resolve</c> makes NAME resolve to the addresses in the order given (the secondary first, to
/// prove the family restriction and not the order picks the primary). <c>--config</c> is a dcctl configuration (S-5a,
/// S-6): the CA the agent's certificate must chain to, and a token or a client certificate and key.
/// </summary>
public sealed record ProbeRequest(string Url, IpFamily? Family, IReadOnlyDictionary<string, IPAddress[]> Names, TimeSpan Timeout, int Calls, string? Config = null)
{
    public const string Usage = "usage: dctb-probe get-site --url URL [--family ipv4|ipv6] [--resolve NAME=ADDR,ADDR...] [--timeout SECONDS] [--calls N] [--config FILE]";

    /// <summary>Parses the command line; every problem is listed.</summary>
    public static ProbeRequest Parse(IReadOnlyList<string> args, out List<string> problems)
    {
        problems = [];
        string? url = null;
        IpFamily? family = null;
        var names = new Dictionary<string, IPAddress[]>(StringComparer.OrdinalIgnoreCase);
        var timeout = TimeSpan.FromSeconds(5);
        var calls = 1;
        string? config = null;
        if (args.Count == 0 || args[0] != "get-site")
        {
            problems.Add("the command is get-site");
        }

        for (var i = 1; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            if (value is null)
            {
                problems.Add($"{args[i]} needs a value");
                break;
            }

            switch (args[i])
            {
                case "--url":
                    url = value;
                    break;
                case "--family" when value is "ipv4" or "ipv6":
                    family = value == "ipv6" ? IpFamily.IPv6 : IpFamily.IPv4;
                    break;
                case "--resolve" when value.Split('=') is [var name, var list]
                                      && list.Split(',').Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).ToArray() is var ips
                                      && ips.All(ip => ip is not null):
                    names[name] = ips!;
                    break;
                case "--timeout" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--config" when File.Exists(value):
                    config = value;
                    break;
                case "--calls" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1000:
                    calls = n;
                    break;
                default:
                    problems.Add($"{args[i]} {value}: unknown option or bad value");
                    break;
            }

            i++;
        }

        if (url is null)
        {
            problems.Add("--url is required");
        }

        return new ProbeRequest(url ?? string.Empty, family, names, timeout, calls, config);
    }
}
