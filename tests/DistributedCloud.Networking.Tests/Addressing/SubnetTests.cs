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
}
