using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Networking.Kubernetes;

/// <summary>
/// A Kubernetes CIDR list as its flags take it (kube-apiserver <c>--service-cluster-ip-range</c>,
/// kube-controller-manager <c>--cluster-cidr</c>): comma-separated, primary first, one entry or two of different
/// families (K-7). Entries are parsed as upstream does (<c>ParseCIDRSloppy</c>): host bits are cleared, with a
/// warning, so <c>10.96.0.1/12</c> is <c>10.96.0.0/12</c>. The one place these lists are parsed and checked.
/// </summary>
public sealed class CidrList
{
    /// <summary>The rule every problem of the list cites.</summary>
    public const string Rule = "K-7";

    private CidrList(string text, int entryCount, Subnet? primary, IReadOnlyList<Subnet> cidrs, IReadOnlyList<DomainError> errors, IReadOnlyList<string> warnings)
    {
        Text = text;
        EntryCount = entryCount;
        Primary = primary;
        Cidrs = cidrs;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The list as written.</summary>
    public string Text { get; }

    /// <summary>How many comma-separated entries the text has, parsable or not.</summary>
    public int EntryCount { get; }

    /// <summary>The first entry, when it parsed.</summary>
    public Subnet? Primary { get; }

    /// <summary>Every entry that parsed, in order, host bits cleared.</summary>
    public IReadOnlyList<Subnet> Cidrs { get; }

    /// <summary>Every K-7 problem, each naming the field, the value and the way out.</summary>
    public IReadOnlyList<DomainError> Errors { get; }

    /// <summary>Entries whose host bits were cleared.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>Parses and checks <c>CIDR[,CIDR]</c>. <paramref name="what"/> names the list in messages ("service", "pod").</summary>
    public static CidrList Parse(string? text, string field, string what)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(what);
        var errors = new ErrorCollector();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(Rule, field, $"no {what} CIDR was given; give one, or two of different families (one IPv4 and one IPv6) primary first, e.g. {Example(what)}.");
            return new CidrList(text ?? string.Empty, 0, null, [], errors.Errors.ToArray(), []);
        }

        var entries = text.Split(',', StringSplitOptions.TrimEntries);
        var parsed = new List<Subnet>();
        var warnings = new List<string>();
        Subnet? primary = null;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Length == 0)
            {
                errors.Add(Rule, field, $"'{text}' has an empty entry at position {i + 1}; write one CIDR, or two of different families separated by a single comma.");
                continue;
            }

            if (!Subnet.TryParseMasked(entry, out var subnet, out var masked, out var problem))
            {
                errors.Add(Rule, field, $"'{entry}' is not a valid {what} CIDR ({problem}); write it as network/prefix, e.g. {Example(what)}.");
                continue;
            }

            if (masked)
            {
                warnings.Add($"{field}: '{entry}' has host bits set; Kubernetes reads it as {subnet} (the address with its host bits cleared), and so does dcctl. Write {subnet} to make that explicit.");
            }

            if (i == 0)
            {
                primary = subnet;
            }

            parsed.Add(subnet);
        }

        errors.AddRange(CheckFamilies(parsed, entries.Length, text, field, what));
        return new CidrList(text, entries.Length, primary, parsed, errors.Errors.ToArray(), warnings);
    }

    /// <summary>K-7 on parsed CIDRs: one, or two of different families.</summary>
    public static IReadOnlyList<DomainError> Check(IReadOnlyList<Subnet> cidrs, string field, string what)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        if (cidrs.Count == 0)
        {
            return Parse(null, field, what).Errors;
        }

        return CheckFamilies(cidrs, cidrs.Count, string.Join(',', cidrs), field, what);
    }

    private static List<DomainError> CheckFamilies(IReadOnlyList<Subnet> parsed, int entryCount, string text, string field, string what)
    {
        var errors = new List<DomainError>();
        if (entryCount > 2)
        {
            errors.Add(new DomainError(Rule, field,
                $"'{text}' lists {entryCount} {what} CIDRs; give one, or two of different families (one IPv4 and one IPv6), primary first."));
        }
        else if (parsed.Count == 2 && parsed[0].Family == parsed[1].Family)
        {
            errors.Add(new DomainError(Rule, field,
                $"'{text}' lists two {parsed[0].Family.Name()} {what} CIDRs; a dual-stack list needs one IPv4 and one IPv6 CIDR. Drop one, or replace it with an {parsed[0].Family.Other().Name()} CIDR."));
        }

        return errors;
    }

    private static string Example(string what) => what == "pod" ? "172.16.0.0/16 or fd00:206::/56" : "10.96.0.0/12 or fd00:aaa::/112";
}
