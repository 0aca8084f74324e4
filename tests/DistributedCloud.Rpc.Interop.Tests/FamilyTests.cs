using System.Net;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Fencing;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Status;
using StatusCode = DistributedCloud.Rpc.Status.StatusCode;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>Family-aware dialing on loopback (N-35): the server sees the family the client was told to use.</summary>
public sealed class FamilyTests
{
    private static readonly CallOptions Fenced = new() { Fencing = new FencingToken("controller-a", 3), Timeout = TimeSpan.FromSeconds(10) };

    // A name that resolves to both loopbacks, IPv4 first, as a dual-stack agent's name would.
    private static Task<IPAddress[]> DualStackName(string host, CancellationToken _) =>
        Task.FromResult(host == "agent.test" ? new[] { IPAddress.Loopback, IPAddress.IPv6Loopback } : []);

    private static Task<IPAddress[]> Ipv6OnlyName(string host, CancellationToken _) =>
        Task.FromResult(host == "agent6.test" ? new[] { IPAddress.IPv6Loopback } : []);

    [Theory]
    [InlineData(IpFamily.IPv6, AddressFamily.Ipv6, "::1")]
    [InlineData(IpFamily.IPv4, AddressFamily.Ipv4, "127.0.0.1")]
    public async Task A_client_told_a_family_arrives_over_it(IpFamily family, AddressFamily expected, string expectedAddress)
    {
        await using var server = await OurServer.StartAsync([IPAddress.IPv6Loopback, IPAddress.Loopback]);
        using var channel = RpcChannel.Create(new RpcChannelOptions
        {
            Address = $"http://agent.test:{server.Port}",
            Family = family,
            Resolver = DualStackName,
        });

        var site = await channel.UnaryAsync(Methods.GetSite, new GetSiteRequest(), Fenced);

        Assert.Equal(expected, site.ArrivalFamily);
        Assert.Equal(expectedAddress, site.ArrivalLocalAddress);
        Assert.Equal(expectedAddress, site.ArrivalPeerAddress);
        Assert.Equal(("controller-a", 3UL), (site.Leadership.ControllerId, site.Leadership.Epoch));
    }

    [Theory]
    [InlineData("agent6.test")]
    [InlineData("[::1]")]
    public async Task A_client_forced_to_ipv4_fails_cleanly_against_an_ipv6_only_endpoint(string host)
    {
        await using var server = await OurServer.StartAsync(IPAddress.IPv6Loopback);
        using var channel = RpcChannel.Create(new RpcChannelOptions
        {
            Address = $"http://{host}:{server.Port}",
            Family = IpFamily.IPv4,
            Resolver = Ipv6OnlyName,
            Retry = new RetryOptions { MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(10) },
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.GetSite, new GetSiteRequest(), Fenced));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains($"{host}:{server.Port}", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("no IPv4 address", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("::1", error.Status.Detail, StringComparison.Ordinal);

        // The same channel settings without the restriction reach the server over IPv6.
        using var unrestricted = RpcChannel.Create(new RpcChannelOptions { Address = $"http://{host}:{server.Port}", Resolver = Ipv6OnlyName });
        Assert.Equal(AddressFamily.Ipv6, (await unrestricted.UnaryAsync(Methods.GetSite, new GetSiteRequest(), Fenced)).ArrivalFamily);
    }

    [Fact]
    public async Task A_client_forced_to_ipv6_against_an_ipv4_only_endpoint_fails_cleanly()
    {
        await using var server = await OurServer.StartAsync(IPAddress.Loopback);
        using var channel = RpcChannel.Create(new RpcChannelOptions
        {
            Address = $"http://127.0.0.1:{server.Port}",
            Family = IpFamily.IPv6,
            Retry = new RetryOptions { MaxAttempts = 1 },
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.GetSite, new GetSiteRequest(), Fenced));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains($"127.0.0.1:{server.Port} has no IPv6 address", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ipv6:[::1]", "ADDRESS_FAMILY_IPV6")]
    [InlineData("ipv4:127.0.0.1", "ADDRESS_FAMILY_IPV4")]
    public async Task The_official_client_arrives_over_the_family_it_dials(string target, string expected)
    {
        await using var server = await OurServer.StartAsync([IPAddress.IPv6Loopback, IPAddress.Loopback]);
        var result = await PythonPeer.RunClientAsync("getsite", $"{target}:{server.Port}");
        Assert.Equal(expected, result.GetProperty("arrival_family").GetString());
    }
}
