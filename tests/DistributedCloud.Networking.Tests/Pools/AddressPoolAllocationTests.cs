using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Pools;

namespace DistributedCloud.Networking.Tests.Pools;

public sealed class AddressPoolAllocationTests
{
    [Fact]
    public void Sequential_pool_hands_out_the_lowest_free_address_skipping_reserved_ones_N9()
    {
        var pool = AddressPool.Create(new AddressPoolSpec("p", "10.0.0.0", "29", "sequential", "10.0.0.1-10.0.0.6", "10.0.0.1", "10.0.0.2"));
        Assert.Equal("10.0.0.3", pool.Allocate(new Random(1)).ToString());
        Assert.Equal("10.0.0.4", pool.Allocate(new Random(1)).ToString());
        pool.Release(System.Net.IPAddress.Parse("10.0.0.3"));
        Assert.Equal("10.0.0.3", pool.Allocate(new Random(1)).ToString());
    }

    [Fact]
    public void Random_pool_hands_out_every_free_address_once_then_reports_exhaustion_naming_the_pool_N9()
    {
        var pool = AddressPool.Create(new AddressPoolSpec("tiny", "fd00::", "125", "random", "fd00::1-fd00::6", GatewayAddress: "fd00::3"));
        var random = new Random(42);
        var handed = Enumerable.Range(0, 5).Select(_ => pool.Allocate(random).ToString()).Order().ToArray();
        Assert.Equal(["fd00::1", "fd00::2", "fd00::4", "fd00::5", "fd00::6"], handed);
        var ex = Assert.Throws<DomainException>(() => pool.Allocate(random));
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        Assert.Contains("tiny", ex.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redefining_ranges_that_leave_out_a_handed_out_address_is_rejected_N10()
    {
        var pool = AddressPool.Create(new AddressPoolSpec("p", "10.0.0.0", "24", "sequential"));
        var handed = pool.Allocate(new Random(0));
        var narrower = AddressPoolValidator.Validate(new AddressPoolSpec("p", "10.0.0.0", "24", Ranges: "10.0.0.100-10.0.0.200"), new ErrorCollector())!;
        var ex = Assert.Throws<DomainException>(() => pool.Redefine(narrower));
        Assert.Equal("N-10", ex.Errors[0].Rule);
        Assert.Contains(handed.ToString(), ex.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("10.0.0.1-10.0.0.254", pool.Ranges[0].ToString());
    }
}
