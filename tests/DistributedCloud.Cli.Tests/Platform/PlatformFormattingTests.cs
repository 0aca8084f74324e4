using DistributedCloud.Cli.Commands.Platform;
using DistributedCloud.Cli.Platform;
using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Tests.Platform;

public sealed class PlatformFormattingTests
{
    [Fact]
    public void Pool_ranges_print_as_the_reference_platform_list_and_unset_addresses_as_None()
    {
        var pool = new AddressPool
        {
            Uuid = "u", Name = "oam-ipv4", Network = "10.10.204.0", Prefix = 24, Family = AddressFamily.Ipv4, Order = AllocationOrder.Random,
            FloatingAddress = "10.10.204.1",
        };
        pool.Ranges.Add(new AddressRange { Start = "10.10.204.1", End = "10.10.204.253" });
        var text = PlatformTables.Pools([pool]).ToString();
        Assert.Contains("| ['10.10.204.1-10.10.204.253'] |", text, StringComparison.Ordinal);
        Assert.Contains("| None ", text, StringComparison.Ordinal);
        Assert.Null(PlatformTables.Pools([pool]).Rows[0][7]);
    }

    [Fact]
    public void Network_list_shows_the_primary_pool_family_N19()
    {
        var table = PlatformTables.Networks([new Network { Id = 3, Uuid = "n", Name = "oam", Type = "oam", PoolUuid = "p", PrimaryPoolFamily = AddressFamily.Ipv6 }]);
        Assert.Equal("primary_pool_family", table.Columns[^1]);
        Assert.Equal(["3", "n", "oam", "oam", "False", "p", "IPv6"], table.Rows[0]);
    }

    [Fact]
    public void Host_show_says_config_out_of_date_and_the_controller_role()
    {
        var host = new Host
        {
            Hostname = "controller-1", Personality = Personality.Controller, Administrative = AdministrativeState.Unlocked,
            Operational = OperationalState.Enabled, Availability = Availability.Available, Role = ControllerRole.Standby, ConfigOutOfDate = true,
        };
        var rows = PlatformTables.Host(host).Rows.ToDictionary(r => r[0]!, r => r[1]);
        Assert.Equal("Config out-of-date", rows["config_status"]);
        Assert.Equal("Controller-Standby", rows["capabilities"]);
        Assert.Equal("unlocked", rows["administrative"]);
    }

    [Theory]
    [InlineData("10.10.204.1-10.10.204.253", 1)]
    [InlineData("fd00::1-fd00::ff, fd00::1:0-fd00::1:ff", 2)]
    public void Ranges_split_into_start_and_end(string text, int count)
    {
        var ranges = PoolOptions.ParseRanges(text).ToArray();
        Assert.Equal(count, ranges.Length);
        Assert.DoesNotContain(ranges, r => r.Start.Length == 0 || r.End.Length == 0);
    }

    [Theory]
    [InlineData("10.10.204.1")]
    [InlineData("10.10.204.1-")]
    [InlineData("a-b-c")]
    public void Malformed_ranges_are_usage_errors_naming_the_option(string text)
    {
        var ex = Assert.Throws<UsageException>(() => PoolOptions.ParseRanges(text).ToArray());
        Assert.Contains("--ranges", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_order_is_a_usage_error_citing_N1()
    {
        Assert.Equal(AllocationOrder.Sequential, PoolOptions.ParseOrder("Sequential"));
        Assert.Contains("N-1", Assert.Throws<UsageException>(() => PoolOptions.ParseOrder("fast")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("250ms", 0.25)]
    [InlineData("1h", 3600)]
    [InlineData("00:00:30", 30)]
    public void Durations_read_as_operators_write_them(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds, 3);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("")]
    public void Nonsense_durations_are_refused(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }
}
