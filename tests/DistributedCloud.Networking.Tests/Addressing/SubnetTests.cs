using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Networking.Tests.Addressing;

public sealed class SubnetTests
{
    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.255")]
    [InlineData("fd00::/64", "fd00::ffff:ffff:ffff:ffff")]
    [InlineData("ff08::1:1:0/124", "ff08::1:1:f")]
    public void Last_address_is_the_network_with_every_host_bit_set(string text, string last)
    {
        Assert.Equal(last, Subnet.Parse(text).LastAddress.ToString());
    }

    [Fact]
    public void Network_address_with_host_bits_set_is_rejected_naming_the_network_address()
    {
        Assert.False(Subnet.TryParse("10.0.0.1/24", out _, out var problem));
        Assert.Contains("10.0.0.0", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.96.0.1/12", "10.96.0.0/12", true)]
    [InlineData("fd00::1/112", "fd00::/112", true)]
    [InlineData("192.168.7.9/0", "0.0.0.0/0", true)]
    [InlineData("10.96.0.0/12", "10.96.0.0/12", false)]
    [InlineData("fd04::/112", "fd04::/112", false)]
    public void TryParseMasked_clears_host_bits_as_upstream_ParseCIDRSloppy_does(string text, string network, bool masked)
    {
        Assert.True(Subnet.TryParseMasked(text, out var subnet, out var wasMasked, out var problem), problem);
        Assert.Equal(network, subnet.ToString());
        Assert.Equal(masked, wasMasked);
        Assert.False(Subnet.TryParse(text, out _, out _) && masked, "the strict parse must keep refusing host bits");
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.96.0.0")]
    [InlineData("10.96.0.1/33")]
    [InlineData("10.96.0.1/012")]
    [InlineData("10.96.0.1/+12")]
    [InlineData("010.96.0.1/12")]
    [InlineData("fd00::1/129")]
    [InlineData("not-a-cidr/12")]
    public void TryParseMasked_still_refuses_what_is_not_a_CIDR(string text)
    {
        Assert.False(Subnet.TryParseMasked(text, out _, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
