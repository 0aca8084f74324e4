using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Tests.Support;
using Xunit.Abstractions;

namespace DistributedCloud.Networking.Tests.Bootstrap;

/// <summary>
/// Mutated bootstrap files never crash the planner or the renderer: each gives a plan or a non-empty list of errors.
/// Bounded (fixed case count) and reproducible (fixed seed, printed with the failing input).
/// </summary>
public sealed class BootstrapFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 4242;
    private const int Cases = 1500;

    private static readonly string[] Corpus =
        [BootstrapExamples.SeedDualStack, BootstrapExamples.AioDxIpv6, BootstrapExamples.AioSxIpv4, BootstrapExamples.StandardIpv4Primary];

    private static readonly string[] Tokens =
    [
        "", "::", "0.0.0.0/0", "::/0", "10.0.0.0/33", "fd00::/129", "10.0.0.1/24", "fd00::/64,10.0.0.0/24,10.1.0.0/24",
        "fd00::/64,fd01::/64", "10.0.0.0/24,10.1.0.0/24", "255.255.255.255", "ff02::1", "224.0.0.0/4", "169.254.0.0/16",
        "[a, b]", "{x: y}", "- 1", "'quoted'", "\"fd00::1\"", "10.10.10.1,fd00::1", "fd00::1,10.10.10.1", "not-an-address",
        "fe80::1%eth0", "1e3", "-1", "99999999999999999999", "simplex", "duplex", "standard", "~", "null", "yes",
        "10.10.10.0/30", "fd00::/127", "fd00::/126", "192.168.0.0/16", "0", "\t", "&anchor value", "*alias", "!!binary AA==",
    ];

    [Fact]
    public void Mutated_bootstrap_files_give_a_plan_or_listed_errors_never_an_exception()
    {
        var random = new Random(Seed);
        var originals = Corpus.Select(BootstrapExamples.Read).ToArray();
        int valid = 0, invalid = 0;
        for (var i = 0; i < Cases; i++)
        {
            var text = Mutate(originals[random.Next(originals.Length)], random);
            try
            {
                var result = BootstrapPlanner.Plan(text);
                if (result.IsValid)
                {
                    valid++;
                    Assert.Empty(result.Errors);
                    try
                    {
                        Assert.NotEmpty(BootstrapRendering.Of(result.Plan!).Documents);
                    }
                    catch (DomainException ex)
                    {
                        Assert.NotEmpty(ex.Errors);
                    }
                }
                else
                {
                    invalid++;
                    Assert.NotEmpty(result.Errors);
                    Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Field + e.Message + e.Rule)));
                }
            }
            catch (Exception)
            {
                output.WriteLine($"case {i} (seed {Seed}) failed on:\n{text}");
                throw;
            }
        }

        // The mutations must exercise both outcomes, or the test proves little.
        Assert.True(valid > Cases / 20, $"only {valid} valid cases");
        Assert.True(invalid > Cases / 5, $"only {invalid} invalid cases");
    }

    private static string Mutate(string original, Random random)
    {
        var lines = original.Split('\n').ToList();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && lines.Count > 0; m++)
        {
            var index = random.Next(lines.Count);
            var line = lines[index];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            switch (random.Next(8))
            {
                case 0:
                    lines.RemoveAt(index);
                    break;
                case 1:
                    lines.Insert(index, line);
                    break;
                case 2 when colon > 0:
                    lines[index] = line[..(colon + 1)] + " " + Tokens[random.Next(Tokens.Length)];
                    break;
                case 3 when colon > 0:
                    // Swap the primary and the secondary of a two-entry value.
                    var parts = line[(colon + 1)..].Split(',');
                    lines[index] = parts.Length == 2 ? $"{line[..colon]}: {parts[1].Trim()},{parts[0].Trim()}" : line;
                    break;
                case 4:
                    lines[index] = line.Length > 1 ? line[..random.Next(line.Length)] : line;
                    break;
                case 5 when colon > 0:
                    // Nudge a digit: addresses move in and out of their subnets and ranges.
                    var chars = line.ToCharArray();
                    var digit = Array.FindLastIndex(chars, char.IsAsciiDigit);
                    if (digit > colon)
                    {
                        chars[digit] = (char)('0' + random.Next(10));
                    }

                    lines[index] = new string(chars);
                    break;
                case 6:
                    lines.Insert(index, $"{Tokens[random.Next(Tokens.Length)]}: {Tokens[random.Next(Tokens.Length)]}");
                    break;
                default:
                    lines[index] = "  " + line;
                    break;
            }
        }

        return string.Join('\n', lines);
    }
}
