using System.Globalization;
using System.Text.RegularExpressions;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.EndToEnd.Tests.Agent;

/// <summary>The agent's own record of the family calls arrive on (N-35): the connection log and the calls counter.</summary>
[Collection(AgentCollection.Name)]
public sealed partial class AgentArrivalTests
{
    [Fact]
    public async Task Calls_are_counted_and_connections_logged_by_the_family_they_arrived_on_N35()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentStart { ListenIPv4 = true, HealthEndpoint = true });
        using var http = new HttpClient { BaseAddress = new Uri(agent.HealthUrl!), Timeout = TimeSpan.FromSeconds(10) };
        var before = Counts(await http.GetStringAsync("/metrics"));

        var site = await agent.GetSiteAsync(family: IpFamily.IPv4);
        await agent.GetSiteAsync(family: IpFamily.IPv4);

        var after = Counts(await http.GetStringAsync("/metrics"));
        Assert.Equal("127.0.0.1", site.ArrivalLocalAddress);
        Assert.Equal((2L, 0L), (after.IPv4 - before.IPv4, after.IPv6 - before.IPv6));
        Assert.Equal(0, await agent.StopAsync());
        Assert.Matches(@"\[5040\] Connection \S+ from 127\.0\.0\.1 port \d+ arrived at 127\.0\.0\.1 port \d+ over ipv4", agent.Output);
        Assert.Matches(@"\[5040\] Connection \S+ from ::1 port \d+ arrived at ::1 port \d+ over ipv6", agent.Output);
    }

    private static (long IPv4, long IPv6) Counts(string metrics)
    {
        long Count(string family) => CallsLine().Matches(metrics).Where(m => m.Groups["family"].Value == family)
            .Sum(m => long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));
        return (Count("ipv4"), Count("ipv6"));
    }

    [GeneratedRegex("""^dc_agent_calls_total\{network_type="(?<family>ipv[46])"\} (?<count>\d+)""", RegexOptions.Multiline)]
    private static partial Regex CallsLine();
}
