using DistributedCloud.Rpc.Wire;

namespace DistributedCloud.Rpc.Tests.Wire;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("1500u", 15_000L)]
    [InlineData("100n", 1L)]
    [InlineData("1n", 1L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    [InlineData("0m", 0L)]
    public void Parses_every_unit(string text, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(ticks), timeout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    [InlineData("123456789S")]
    public void Refuses_malformed_values(string? text)
    {
        Assert.False(GrpcTimeout.TryParse(text, out _));
    }

    [Theory]
    [InlineData(1L, "100n")]
    [InlineData(10_000L, "1000000n")]
    [InlineData(2_500_000L, "250000u")]
    [InlineData(50_000_000L, "5000000u")]
    [InlineData(36_000_000_000L, "3600000m")]
    [InlineData(9_000_000_000_000L, "900000S")]
    public void Formats_with_the_finest_unit_that_fits_in_eight_digits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Formatting_rounds_up_and_never_yields_zero()
    {
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.Zero));
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.FromSeconds(-3)));
        // 100.0000001 s fits in 8 digits of neither ns nor us; as milliseconds it rounds up.
        Assert.Equal("100001m", GrpcTimeout.Format(TimeSpan.FromTicks(1_000_000_001L)));
        Assert.Equal("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(12_345L)]
    [InlineData(987_654_321L)]
    [InlineData(36_000_000_001L)]
    public void Round_trip_never_shortens_a_timeout(long ticks)
    {
        var original = TimeSpan.FromTicks(ticks);
        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(original), out var parsed));
        Assert.True(parsed >= original, $"{parsed} < {original}");
        Assert.True(parsed - original < TimeSpan.FromTicks(Math.Max(1, ticks / 1000)) + TimeSpan.FromMilliseconds(1));
    }
}
