using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Kubernetes.Services.Planning;
using DistributedCloud.Networking.Kubernetes.Services.Validation;

namespace DistributedCloud.Networking.Tests.Kubernetes.Services;

[Trait("Rule", "K-24")]
public sealed class ClusterIpAllocatorTests
{
    [Theory]
    [InlineData("10.96.0.0/29")]
    [InlineData("10.96.0.0/30")]
    [InlineData("fd00::/126")]
    [InlineData("10.96.0.0/12")]
    [InlineData("fd00::/64")]
    public void Picks_are_never_the_network_the_broadcast_or_the_first_host(string cidr)
    {
        var range = Subnet.Parse(cidr);
        for (var i = 0; i < 300; i++)
        {
            var pick = ClusterIpAllocator.Pick(range, $"ns/svc-{i}/x");
            Assert.NotNull(pick);
            Assert.True(range.Contains(pick.Value));
            Assert.NotEqual(range.First, pick.Value);
            Assert.NotEqual(range.First + 1, pick.Value);
            if (range.Family == IpFamily.IPv4)
            {
                Assert.NotEqual(range.Last, pick.Value);
            }
        }
    }

    [Fact]
    public void Large_ranges_pick_above_the_static_band_left_for_requested_addresses()
    {
        var range = Subnet.Parse("10.96.0.0/24");
        for (var i = 0; i < 200; i++)
        {
            var pick = ClusterIpAllocator.Pick(range, $"ns/svc-{i}")!.Value;
            Assert.True(pick - range.First > 16, $"offset {pick - range.First} is inside the static band");
        }
    }

    [Theory]
    [InlineData("10.96.0.0/31")]
    [InlineData("10.96.0.0/32")]
    [InlineData("fd00::/128")]
    [InlineData("fd00::/127")]
    public void Ranges_with_no_address_beyond_the_first_host_have_nothing_to_pick(string cidr)
    {
        Assert.Null(ClusterIpAllocator.Pick(Subnet.Parse(cidr), "ns/svc"));
    }

    [Theory]
    [InlineData("10.96.0.0/24", "10.96.0.1", true)]
    [InlineData("10.96.0.0/24", "10.96.0.254", true)]
    [InlineData("10.96.0.0/24", "10.96.0.0", false)]
    [InlineData("10.96.0.0/24", "10.96.0.255", false)]
    [InlineData("10.96.0.0/24", "10.96.1.1", false)]
    [InlineData("fd00::/112", "fd00::ffff", true)]
    [InlineData("fd00::/112", "fd00::", false)]
    [InlineData("fd00::/112", "10.96.0.1", false)]
    public void Requested_addresses_must_be_usable_hosts_of_their_range(string cidr, string ip, bool usable)
    {
        Assert.Equal(usable, ClusterIpAllocator.CheckRequested(ip, Subnet.Parse(cidr)) is null);
    }

    [Theory]
    [InlineData("10.96.0.1", IpFamily.IPv4)]
    [InlineData("010.096.000.001", IpFamily.IPv4)]
    [InlineData("::ffff:10.96.0.1", IpFamily.IPv4)]
    [InlineData("fd00::1", IpFamily.IPv6)]
    [InlineData("::1.2.3.4", IpFamily.IPv6)]
    public void Cluster_IPs_are_read_as_the_apiserver_reads_them(string text, IpFamily family)
    {
        Assert.Equal(family, ClusterIpText.FamilyOf(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("None")]
    [InlineData("10.96.0")]
    [InlineData("10.96.0.256")]
    [InlineData("fd00::1%eth0")]
    [InlineData("[fd00::1]")]
    [InlineData("10.96.0.1/32")]
    public void Anything_else_is_not_a_cluster_IP(string text)
    {
        Assert.Null(ClusterIpText.FamilyOf(text));
    }
}
