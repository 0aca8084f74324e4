using DistributedCloud.Rpc.Wire;

namespace DistributedCloud.Rpc.Tests.Wire;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text: ok", "plain text: ok")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak\t", "line%0Abreak%09")]
    [InlineData("réseau", "r%C3%A9seau")]
    [InlineData("🙂", "%F0%9F%99%82")]
    [InlineData("~", "~")]
    [InlineData("\u007f", "%7F")]
    public void Encodes_bytes_outside_printable_ascii_and_the_percent_sign(string text, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Encode(text));
        Assert.Equal(text, PercentEncoding.Decode(expected));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("50%", "50%")]
    [InlineData("%G1x", "%G1x")]
    [InlineData("%4", "%4")]
    [InlineData("a%41b", "aAb")]
    [InlineData("%e2%9c%93", "✓")]
    public void Decoding_is_lenient(string wire, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Decode(wire));
    }
}
