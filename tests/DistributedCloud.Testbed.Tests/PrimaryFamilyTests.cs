using System.Text.Json;
using DistributedCloud.Testbed.Tests.Infrastructure;

namespace DistributedCloud.Testbed.Tests;

/// <summary>
/// N-35 across real hosts: calls from a controller host reach each subcloud over the subcloud's primary family, as
/// the agent reports it in GetSite (arrival_family) and as its own connection log and call counter record it; a
/// dual-stack subcloud's secondary answers when dialed on purpose but a primary-family dial never uses it.
/// </summary>
[Collection(BedCollection.Name)]
public sealed class PrimaryFamilyTests(TestbedFixture bed)
{
    // Each controller host manages the subclouds of its own primary family (N-34).
    public static TheoryData<string, string> SubcloudsAndTheirController => new()
    {
        { "sc-v4", "ctl4" }, { "sc-v6", "ctl6" }, { "sc-dual6", "ctl6" }, { "sc-dual4", "ctl4" },
    };

    [BedTheory]
    [MemberData(nameof(SubcloudsAndTheirController))]
    public async Task Each_subcloud_is_reached_over_its_primary_family_and_GetSite_and_the_agent_log_agree_N35(string subcloud, string controller)
    {
        var site = bed[subcloud];
        var expectedPeer = bed[controller].Address(site.Primary);

        var result = await bed.ProbeOnceAsync(controller, site.AgentUrl(site.Primary), site.Primary);

        Assert.True(result.Ok, $"GetSite of {subcloud} from {controller}: {result}");
        Assert.Equal((site.Primary, site.Primary, site.PrimaryAddress, expectedPeer),
            (result.ArrivalFamily, result.PrimaryFamily, result.ArrivalLocalAddress, result.ArrivalPeerAddress));
        var logged = await WaitForConnectionAsync(subcloud, (expectedPeer!, site.PrimaryAddress, site.Primary));
        Assert.Contains((expectedPeer!, site.PrimaryAddress, site.Primary), logged);
        bed.Outcome("primary family", $"{controller} -> {subcloud}: GetSite arrival {result.ArrivalFamily} at {result.ArrivalLocalAddress}, agent log agrees");
    }

    [BedTheory]
    [InlineData("sc-dual6", "ctl6")]
    [InlineData("sc-dual4", "ctl4")]
    public async Task A_dual_stack_subcloud_answers_on_its_secondary_yet_a_primary_family_dial_never_uses_it_even_listed_first_N35(
        string subcloud, string controller)
    {
        var site = bed[subcloud];
        var secondaryAddress = site.Address(site.Secondary)!;
        var reachable = await bed.ProbeOnceAsync(controller, site.AgentUrl(site.Secondary));
        Assert.Equal(("OK", site.Secondary, secondaryAddress), (reachable.Outcome, reachable.ArrivalFamily, reachable.ArrivalLocalAddress));

        var before = await bed.CallsSeenAsync(subcloud);
        // The name resolves to the secondary first: only the family restriction keeps the dial on the primary.
        var calls = await bed.ProbeAsync(controller, $"https://{subcloud}:50052", site.Primary, calls: 5,
            resolve: $"{subcloud}={secondaryAddress},{site.PrimaryAddress}");
        var after = await bed.CallsSeenAsync(subcloud);

        Assert.Equal(5, calls.Count);
        Assert.All(calls, c => Assert.Equal(("OK", site.Primary, site.PrimaryAddress), (c.Outcome, c.ArrivalFamily, c.ArrivalLocalAddress)));
        var (primaryDelta, secondaryDelta) = site.Primary == "ipv6"
            ? (after.IPv6 - before.IPv6, after.IPv4 - before.IPv4)
            : (after.IPv4 - before.IPv4, after.IPv6 - before.IPv6);
        // The bed's controllers audit their subclouds meanwhile (over the primary too): at least the probe's 5 arrive there.
        Assert.True(primaryDelta >= 5, $"{subcloud} counted {primaryDelta} {site.Primary} calls during the probe's 5");
        Assert.Equal(0L, secondaryDelta);
        bed.Outcome("secondary never used", $"{controller} -> {subcloud}: secondary {site.Secondary} reachable; 5 of 5 primary-family calls arrived over {site.Primary}, 0 over {site.Secondary}");
    }

    [BedTheory]
    [InlineData("sc-v4", "ctl6", "ipv6")]
    [InlineData("sc-v6", "ctl4", "ipv4")]
    public async Task A_single_stack_subcloud_is_not_dialed_over_the_family_it_lacks_N35(string subcloud, string controller, string family)
    {
        var site = bed[subcloud];

        // The name resolves to the one address the site has; the client restricted to the other family refuses it.
        var result = (await bed.ProbeAsync(controller, $"https://{subcloud}:50052", family, resolve: $"{subcloud}={site.PrimaryAddress}"))[0];

        Assert.Equal("Unavailable", result.Outcome);
        Assert.Contains($"{subcloud} has no {(family == "ipv6" ? "IPv6" : "IPv4")} address", result.Detail, StringComparison.Ordinal);
        Assert.Contains("(N-35)", result.Detail, StringComparison.Ordinal);
        bed.Outcome("single-stack", $"{controller} -> {subcloud} over {family}: refused by the client ({result.Outcome})");
    }

    [BedFact]
    public async Task Dcctl_on_a_controller_host_lists_the_networks_of_a_subcloud_over_its_primary_family()
    {
        var site = bed["sc-dual6"];

        var list = await bed.AgentDcctlAsync("ctl6", site.Name, ["network-list", "-o", "json"]);

        Assert.True(list.ExitCode == 0, list.ToString());
        using var networks = JsonDocument.Parse(list.StdOut);
        var mgmt = networks.RootElement.EnumerateArray().Single(n => n.GetProperty("type").GetString() == "mgmt");
        Assert.Equal("IPv6", mgmt.GetProperty("primary_pool_family").GetString());
        var ctl6 = bed["ctl6"].PrimaryAddress;
        Assert.Contains((ctl6, site.PrimaryAddress, "ipv6"), await WaitForConnectionAsync("sc-dual6", (ctl6, site.PrimaryAddress, "ipv6")));
        bed.Outcome("dcctl", "ctl6 -> sc-dual6 network-list over ipv6: mgmt primary IPv6");
    }

    // The agent's console log is written asynchronously: wait (bounded) for the line rather than racing it.
    private async Task<IReadOnlyList<(string Peer, string Local, string Family)>> WaitForConnectionAsync(string subcloud,
        (string Peer, string Local, string Family) expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var logged = bed.ConnectionsLogged(subcloud);
            if (logged.Contains(expected) || DateTime.UtcNow > deadline)
            {
                return logged;
            }

            await Task.Delay(200);
        }
    }
}
