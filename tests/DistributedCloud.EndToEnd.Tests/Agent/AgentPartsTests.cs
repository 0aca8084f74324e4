using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Agent.Fencing;

namespace DistributedCloud.EndToEnd.Tests.Agent;

/// <summary>The agent's small parts in process: durations, listen URLs, the fencing decision table.</summary>
public sealed class AgentPartsTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5000)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("00:00:05", 5000)]
    [InlineData("-3s", -3000)]
    public void Durations_are_read_as_operators_write_them(string text, double milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("five seconds")]
    [InlineData("5x")]
    public void Other_duration_texts_are_refused(string text) => Assert.False(Durations.TryParse(text, out _));

    [Theory]
    [InlineData("http://[::1]:50052", false, "[::1]:50052")]
    [InlineData("http://127.0.0.1:50052/", false, "127.0.0.1:50052")]
    [InlineData("https://[fd01::2]:443", true, "[fd01::2]:443")]
    public void Listen_urls_give_an_endpoint_and_whether_it_is_tls(string text, bool tls, string endpoint)
    {
        Assert.True(ListenAddress.TryParse(text, out var address, out var problem), problem);
        Assert.Equal((tls, endpoint), (address!.Tls, address.EndPoint.ToString()));
    }

    [Theory]
    [InlineData("[::1]:50052", "is not an http:// or https:// URL")]
    [InlineData("grpc://[::1]:50052", "is not an http:// or https:// URL")]
    [InlineData("http://agent.example:50052", "names host 'agent.example'")]
    [InlineData("http://[::1]", "has no port")]
    [InlineData("http://127.0.0.1:80", "")]
    [InlineData("http://127.0.0.1:50052/path", "has a path or query")]
    public void Bad_listen_urls_say_what_is_wrong(string text, string problem)
    {
        var parsed = ListenAddress.TryParse(text, out _, out var said);
        Assert.Equal(problem.Length == 0, parsed);
        Assert.Contains(problem, said, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0, "dcctl", 0, FencingDecision.Accepted)]
    [InlineData("", 0, "controller-a", 0, FencingDecision.Accepted)]
    [InlineData("", 0, "controller-a", 1, FencingDecision.AboveHeld)]
    [InlineData("controller-a", 3, "controller-a", 3, FencingDecision.Accepted)]
    [InlineData("controller-a", 3, "controller-b", 3, FencingDecision.Stale)]
    [InlineData("controller-a", 3, "controller-a", 2, FencingDecision.Stale)]
    [InlineData("controller-a", 3, "dcctl", 0, FencingDecision.Stale)]
    [InlineData("controller-a", 3, "controller-b", 4, FencingDecision.AboveHeld)]
    public void Fencing_decides_by_epoch_then_controller(string holder, ulong held, string caller, ulong epoch, FencingDecision expected) =>
        Assert.Equal(expected, LeadershipStore.Decide(new Leadership(holder, held, null), caller, epoch));
}
