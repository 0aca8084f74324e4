using System.Text.Json;

namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary>
/// The controller scenarios' view of the bed's two system controllers, all through dcctl run inside the controller's
/// namespace (<c>scripts/testbed exec ctl6 dotnet dcctl.dll --controller URL ...</c>), so every step can be repeated by
/// hand. Every wait is bounded and says what it waited for.
/// </summary>
public sealed class ControllerFleet(TestbedFixture bed)
{
    /// <summary>Each controller manages the subclouds of its own primary family (N-34).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> SubcloudsOf = new Dictionary<string, string[]>
    {
        ["ctl6"] = ["sc-v6", "sc-dual6"],
        ["ctl4"] = ["sc-v4", "sc-dual4"],
    };

    /// <summary>The bed's subclouds run a release that supports dual-stack (N-36).</summary>
    public const string Release = "24.09";

    public TestbedFixture Bed => bed;

    /// <summary>
    /// <c>subcloud add -o json</c> with the subcloud's bed bootstrap file and the agent address of <paramref name="family"/>;
    /// when it is added, its agent is restarted with the join token and CA fingerprint of the answer (S-2), so the
    /// controller enrolls it at its next audit and talks to it over mutual TLS from then on.
    /// </summary>
    public async Task<CommandResult> AddAsync(string controller, string subcloud, string? family = null)
    {
        var site = bed[subcloud];
        var add = await bed.ControllerAsync(controller, "subcloud", "add", subcloud, "--bootstrap", BootstrapFile(subcloud),
            "--agent-address", site.Address(family ?? site.Primary) ?? throw new InvalidOperationException($"{subcloud} has no {family} address"),
            "--port", "50052", "--release", Release, "-o", "json");
        if (add.ExitCode == 0)
        {
            using var json = JsonDocument.Parse(add.StdOut);
            await EnrollAgentAsync(subcloud, json.RootElement.GetProperty("join_token").GetString()!, json.RootElement.GetProperty("ca_fingerprint").GetString()!);
        }

        return add;
    }

    /// <summary>Restarts <paramref name="subcloud"/>'s agent with a join token (scripts/testbed agent-stop, agent-start; the token in the environment).</summary>
    public async Task EnrollAgentAsync(string subcloud, string joinToken, string caFingerprint)
    {
        await Expect(bed.ScriptAsync("agent-stop", subcloud));
        await Expect(bed.ScriptWithAsync(new Dictionary<string, string> { ["DCTB_JOIN_TOKEN"] = joinToken, ["DCTB_CA_FINGERPRINT"] = caFingerprint },
            "agent-start", subcloud));
    }

    public static string BootstrapFile(string subcloud) => Path.Combine(TestbedFixture.RepositoryRoot, "testbed", "bootstrap", $"{subcloud}.yaml");

    /// <summary><c>subcloud list -o json</c>: name -> its row.</summary>
    public async Task<IReadOnlyDictionary<string, SubcloudRow>> ListAsync(string controller)
    {
        var list = await Expect(bed.ControllerAsync(controller, "subcloud", "list", "-o", "json"));
        using var json = JsonDocument.Parse(list.StdOut);
        return json.RootElement.EnumerateArray().Select(SubcloudRow.Parse).ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary><c>subcloud show NAME -o json</c>: the record's fields as text ("oam subnets", "sync", "error", ...).</summary>
    public async Task<IReadOnlyDictionary<string, string?>> ShowSubcloudAsync(string controller, string subcloud)
    {
        var show = await Expect(bed.ControllerAsync(controller, "subcloud", "show", subcloud, "-o", "json"));
        using var json = JsonDocument.Parse(show.StdOut);
        return json.RootElement.EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(), StringComparer.Ordinal);
    }

    /// <summary>A platform command on a subcloud through its controller (D-25), <c>-o json</c>, parsed.</summary>
    public async Task<JsonElement> OnSubcloudAsync(string controller, string subcloud, params string[] command)
    {
        var result = await Expect(bed.ControllerAsync(controller, ["--subcloud", subcloud, .. command, "-o", "json"]));
        using var json = JsonDocument.Parse(result.StdOut);
        return json.RootElement.Clone();
    }

    /// <summary>
    /// The controller's subclouds added (when missing), online, managed and sync-audited: the starting point of every
    /// scenario after the adds.
    /// </summary>
    public async Task EnsureManagedAsync(string controller)
    {
        await EnsureAddedAsync(controller);
        foreach (var subcloud in SubcloudsOf[controller])
        {
            var row = await WaitForSubcloudAsync(controller, subcloud, r => r.Availability == "online", "online", TimeSpan.FromSeconds(60));
            if (row.Management != "managed")
            {
                await Expect(bed.ControllerAsync(controller, "subcloud", "manage", subcloud));
            }

            // Audited for sync (a strategy needs a known sync status, D-14); a failed strategy may leave it out-of-sync.
            await WaitForSubcloudAsync(controller, subcloud, r => r.Management == "managed" && r.Sync != "unknown", "managed, with a known sync status", TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>The controller's subclouds added (when missing), their agents restarted to enroll (<see cref="AddAsync"/>).</summary>
    public async Task EnsureAddedAsync(string controller)
    {
        var list = await ListAsync(controller);
        foreach (var subcloud in SubcloudsOf[controller].Where(s => !list.ContainsKey(s)))
        {
            await Expect(AddAsync(controller, subcloud));
        }
    }

    /// <summary>Polls <c>subcloud list</c> until <paramref name="subcloud"/>'s row satisfies <paramref name="condition"/>.</summary>
    public async Task<SubcloudRow> WaitForSubcloudAsync(string controller, string subcloud, Func<SubcloudRow, bool> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var row = (await ListAsync(controller)).GetValueOrDefault(subcloud);
            if (row is not null && condition(row))
            {
                return row;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{subcloud} on {controller} is not {what} within {within.TotalSeconds} s; last seen: {row}");
            await Task.Delay(500);
        }
    }

    /// <summary>Deletes whatever strategy the controller holds (one at a time, D-11), so a scenario can create its own.</summary>
    public async Task ClearStrategyAsync(string controller)
    {
        var show = await bed.ControllerAsync(controller, "strategy", "show", "-o", "json");
        if (show.ExitCode != 0)
        {
            return; // none
        }

        var state = JsonDocument.Parse(show.StdOut).RootElement.GetProperty("state").GetString();
        if (state is "applying" or "aborting")
        {
            Assert.Fail($"{controller} still applies a strategy from an earlier scenario ({state}):\n{show.StdOut}");
        }

        await Expect(bed.ControllerAsync(controller, "strategy", "delete"));
    }

    /// <summary>Writes a <c>--secondary-subnets</c> file into the bed's directory (readable inside every namespace).</summary>
    public string SecondarySubnetsFile(string name, string yaml)
    {
        var path = Path.Combine(bed.Directory, $"secondary-{name}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary><c>strategy create network-mode</c> (after clearing any old one) with the given options.</summary>
    public async Task<StrategyView> CreateStrategyAsync(string controller, params string[] options)
    {
        await ClearStrategyAsync(controller);
        var created = await Expect(bed.ControllerAsync(controller, ["strategy", "create", "network-mode", .. options, "-o", "json"]));
        return StrategyView.Parse(created.StdOut);
    }

    public Task<CommandResult> ApplyNoWaitAsync(string controller) => Expect(bed.ControllerAsync(controller, "strategy", "apply", "--no-wait"));

    public async Task<StrategyView> ShowAsync(string controller)
    {
        var show = await Expect(bed.ControllerAsync(controller, "strategy", "show", "--details", "-o", "json"));
        return StrategyView.Parse(show.StdOut);
    }

    /// <summary>Polls <c>strategy show</c> until <paramref name="condition"/> holds.</summary>
    public async Task<StrategyView> WaitForStrategyAsync(string controller, Func<StrategyView, bool> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        StrategyView? last = null;
        while (true)
        {
            // The controller may be down for a moment (killed on purpose): an unreachable show is just another poll.
            var show = await bed.ControllerAsync(controller, "strategy", "show", "--details", "-o", "json");
            if (show.ExitCode == 0)
            {
                last = StrategyView.Parse(show.StdOut);
                if (condition(last))
                {
                    return last;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"the strategy on {controller} did not reach '{what}' within {within.TotalSeconds} s; last seen:\n{last}");
            await Task.Delay(500);
        }
    }

    /// <summary>Waits until the strategy has ended (complete, failed or aborted) and returns it.</summary>
    public Task<StrategyView> WaitForEndAsync(string controller, TimeSpan within) =>
        WaitForStrategyAsync(controller, s => s.State is "complete" or "failed" or "aborted", "complete, failed or aborted", within);

    public static async Task<CommandResult> Expect(Task<CommandResult> command)
    {
        var result = await command;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
