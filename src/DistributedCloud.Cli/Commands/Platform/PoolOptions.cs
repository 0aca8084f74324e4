using System.CommandLine;
using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary>The options addrpool-add and addrpool-modify share (cli.md), one set per command.</summary>
public sealed class PoolOptions
{
    public Option<string?> Order { get; } = new("--order") { Description = "Allocation order: random (default) or sequential." };

    public Option<string?> Ranges { get; } = new("--ranges") { Description = "Address ranges, START-END[,START-END]." };

    public Option<string?> Floating { get; } = new("--floating-address") { Description = "The pool's floating address." };

    public Option<string?> Controller0 { get; } = new("--controller0-address") { Description = "controller-0's address." };

    public Option<string?> Controller1 { get; } = new("--controller1-address") { Description = "controller-1's address." };

    public Option<string?> Gateway { get; } = new("--gateway-address") { Description = "The gateway address." };

    public void AddTo(Command command)
    {
        foreach (var option in new[] { Order, Ranges, Floating, Controller0, Controller1, Gateway })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The order the operator typed; an unknown word goes to the server, which names the rule (N-1).</summary>
    public static AllocationOrder ParseOrder(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => AllocationOrder.Unspecified,
        "random" => AllocationOrder.Random,
        "sequential" => AllocationOrder.Sequential,
        _ => throw new UsageException($"--order '{text}' is not an allocation order; use random or sequential (N-1)"),
    };

    /// <summary>Splits <c>A-B[,C-D]</c>; the addresses themselves are checked by the site, with every problem at once.</summary>
    public static IEnumerable<AddressRange> ParseRanges(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new UsageException($"--ranges entry '{entry}' is not of the form START-END (for example 10.10.204.1-10.10.204.253)");
            }

            yield return new AddressRange { Start = parts[0], End = parts[1] };
        }
    }

    public static uint ParsePrefix(string text, string what) =>
        uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix) && prefix <= 128
            ? prefix
            : throw new UsageException($"{what} '{text}' is not a prefix length (a whole number such as 24 or 64)");
}
