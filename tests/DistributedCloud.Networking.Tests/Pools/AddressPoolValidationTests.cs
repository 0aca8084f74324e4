using DistributedCloud.Networking.Pools;
using static DistributedCloud.Networking.Tests.Support.Assertions;

namespace DistributedCloud.Networking.Tests.Pools;

public sealed class AddressPoolValidationTests
{
    private static AddressPoolSpec V4(string? ranges = null, string? floating = null, string? c0 = null, string? c1 = null, string? gateway = null, string? order = null) =>
        new("oam-ipv4", "10.10.204.0", "24", order, ranges, floating, c0, c1, gateway);

    [Fact]
    public void Order_defaults_to_random_N1()
    {
        Assert.Equal(AllocationOrder.Random, AddressPool.Create(V4()).Order);
        Assert.Equal(AllocationOrder.Sequential, AddressPool.Create(V4(order: "sequential")).Order);
    }

    [Fact]
    public void Unknown_order_is_rejected_naming_the_value_N1()
    {
        var errors = Validate(V4(order: "fastest"));
        AssertHas(errors, "N-1", "order");
        Assert.Contains("fastest", errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.10.204.0", "24", "10.10.204.1-10.10.204.254")]
    [InlineData("fd04::", "112", "fd04::1-fd04::fffe")]
    [InlineData("fd00::", "64", "fd00::1-fd00::ffff:ffff:ffff:fffe")]
    [InlineData("ff08::1:1:0", "124", "ff08::1:1:1-ff08::1:1:e")]
    public void Without_ranges_the_range_is_the_subnet_less_first_and_last_N2(string network, string prefix, string expected)
    {
        var pool = AddressPool.Create(new AddressPoolSpec("p", network, prefix));
        Assert.Equal(expected, Assert.Single(pool.Ranges).ToString());
    }

    [Fact]
    public void Ranges_are_kept_sorted_by_start_N2()
    {
        var pool = AddressPool.Create(V4(ranges: "10.10.204.100-10.10.204.200,10.10.204.1-10.10.204.50"));
        Assert.Equal(["10.10.204.1-10.10.204.50", "10.10.204.100-10.10.204.200"], pool.Ranges.Select(r => r.ToString()));
    }

    [Theory]
    [InlineData("10.0.0.0", "30", true)]
    [InlineData("10.0.0.0", "31", false)]
    [InlineData("10.0.0.0", "32", false)]
    [InlineData("fd00::", "126", true)]
    [InlineData("fd00::", "127", false)]
    public void Subnet_must_hold_at_least_four_addresses_N3(string network, string prefix, bool accepted)
    {
        var errors = Validate(new AddressPoolSpec("p", network, prefix));
        if (accepted)
        {
            Assert.Empty(errors);
        }
        else
        {
            AssertHas(errors, "N-3", "prefix");
        }
    }

    [Theory]
    [InlineData("", "10.0.0.0", "24", "name")]
    [InlineData("p", "10.0.0.1", "24", "network")]
    [InlineData("p", "10.0.0.0", "33", "prefix")]
    [InlineData("p", "fd00::", "129", "prefix")]
    [InlineData("p", "10.0.0", "24", "network")]
    [InlineData("p", "10.0.0.0", "twenty", "prefix")]
    [InlineData("p", "127.0.0.0", "8", "network")]
    [InlineData("p", "0.0.0.0", "0", "network")]
    [InlineData("p", "::", "64", "network")]
    [InlineData("p", "240.0.0.0", "4", "network")]
    public void Malformed_pools_are_rejected_naming_the_field_N4(string name, string network, string prefix, string field)
    {
        AssertHas(Validate(new AddressPoolSpec(name, network, prefix)), "N-4", field);
    }

    [Theory]
    [InlineData("fd00::1-fd00::5", "not of the network's family")]
    [InlineData("10.10.205.1-10.10.205.5", "not inside")]
    [InlineData("10.10.204.9-10.10.204.5", "starts after it ends")]
    [InlineData("10.10.204.0-10.10.204.5", "network address")]
    [InlineData("10.10.204.1-10.10.204.255", "broadcast")]
    [InlineData("10.10.204.1-10.10.204.50,10.10.204.40-10.10.204.60", "overlap")]
    [InlineData("10.10.204.1", "START-END")]
    public void Bad_ranges_are_rejected_N5(string ranges, string reason)
    {
        var errors = Validate(V4(ranges: ranges));
        AssertHas(errors, "N-5", "ranges");
        Assert.Contains(errors, e => e.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_range_of_one_address_is_allowed_N5()
    {
        Assert.Equal(1, (int)AddressPool.Create(V4(ranges: "10.10.204.7-10.10.204.7")).Ranges[0].Count);
    }

    [Fact]
    public void Ipv6_range_may_end_at_the_last_address_since_ipv6_has_no_broadcast_N5()
    {
        Assert.Empty(Validate(new AddressPoolSpec("p", "fd00::", "120", Ranges: "fd00::1-fd00::ff")));
    }

    [Theory]
    [InlineData("fd00::1", null, "not IPv4")]
    [InlineData("10.10.205.1", null, "not inside")]
    [InlineData("10.10.204.0", null, "network address")]
    [InlineData("10.10.204.255", null, "broadcast")]
    [InlineData("10.10.204.240", "10.10.204.1-10.10.204.200", "outside the pool's ranges")]
    public void Bad_floating_addresses_are_rejected_N6(string floating, string? ranges, string reason)
    {
        var errors = Validate(V4(ranges: ranges, floating: floating));
        AssertHas(errors, "N-6", "floating_address");
        Assert.Contains(errors, e => e.Message.Contains(reason.Replace("not IPv4", "is IPv6", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public void Controller_addresses_may_lie_in_different_ranges_the_union_counts_N6()
    {
        var pool = AddressPool.Create(V4(ranges: "10.10.204.1-10.10.204.10,10.10.204.100-10.10.204.110",
            floating: "10.10.204.1", c0: "10.10.204.2", c1: "10.10.204.105"));
        Assert.Equal("10.10.204.105", pool.Controller1Address!.ToString());
    }

    [Fact]
    public void Gateway_may_lie_outside_the_ranges_but_not_outside_the_subnet_N6()
    {
        Assert.Empty(Validate(V4(ranges: "10.10.204.1-10.10.204.253", gateway: "10.10.204.254")));
        AssertHas(Validate(V4(gateway: "10.10.205.254")), "N-6", "gateway_address");
    }

    [Fact]
    public void Two_roles_may_not_share_an_address_N6()
    {
        AssertHas(Validate(V4(floating: "10.10.204.1", c0: "10.10.204.1")), "N-6", "controller0_address");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_N7()
    {
        var errors = Validate(new AddressPoolSpec("", "10.10.204.0", "24", "fast", "10.10.204.9-10.10.204.5", "fd00::1", null, null, "10.99.0.1"));
        Assert.Equal(["N-4", "N-1", "N-5", "N-6", "N-6"], errors.Select(e => e.Rule));
        Assert.Equal(["name", "order", "ranges", "floating_address", "gateway_address"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Seed_oam_ipv4_pool_is_valid()
    {
        var pool = AddressPool.Create(new AddressPoolSpec("oam-ipv4", "10.10.204.0", "24", "random", "10.10.204.1-10.10.204.253",
            "10.10.204.1", "10.10.204.2", "10.10.204.3", "10.10.204.254"));
        Assert.Equal("10.10.204.0/24", pool.Subnet.ToString());
        Assert.Equal(Networking.Addressing.IpFamily.IPv4, pool.Family);
    }
}
