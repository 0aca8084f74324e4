using DistributedCloud.Rpc.Metadata;

namespace DistributedCloud.Rpc.Tests.Metadata;

public sealed class MetadataTests
{
    [Theory]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 0xFF }, "/w")]
    [InlineData(new byte[] { 0xFF, 0x00 }, "/wA")]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    public void Binary_values_are_emitted_without_padding(byte[] value, string expected)
    {
        Assert.Equal(expected, BinaryHeaderEncoding.Encode(value));
        Assert.Equal(value, BinaryHeaderEncoding.Decode(expected));
    }

    [Theory]
    [InlineData("/w==")]
    [InlineData("/w")]
    [InlineData(" /w= ")]
    public void Binary_values_are_accepted_padded_or_not(string wire)
    {
        Assert.Equal(new byte[] { 0xFF }, BinaryHeaderEncoding.Decode(wire));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("!!!!")]
    public void Malformed_base64_is_refused(string wire)
    {
        Assert.Throws<FormatException>(() => BinaryHeaderEncoding.Decode(wire));
    }

    [Fact]
    public void Joined_binary_headers_decode_to_one_entry_per_value()
    {
        var metadata = new RpcMetadata();
        Assert.True(metadata.TryAddFromWire("trace-bin", "AQID,/w"));
        Assert.Equal([[1, 2, 3], [0xFF]], metadata.GetAll("trace-bin").Select(e => e.ValueBytes).ToArray());
    }

    [Fact]
    public void Protocol_headers_never_become_metadata()
    {
        var metadata = new RpcMetadata();
        foreach (var key in new[] { ":path", "grpc-timeout", "grpc-status", "content-type", "te", "host" })
        {
            Assert.True(metadata.TryAddFromWire(key, "x"));
        }

        Assert.True(metadata.TryAddFromWire("x-site", "oam"));
        Assert.Equal(["x-site"], metadata.Select(e => e.Key).ToArray());
        Assert.False(metadata.TryAddFromWire("x-bin", "%%%"));
    }

    [Fact]
    public void Keys_are_lower_cased_and_checked()
    {
        Assert.Equal("x-site", new MetadataEntry("X-Site", "a").Key);
        Assert.Throws<ArgumentException>(() => new MetadataEntry("bad key", "a"));
        Assert.Throws<ArgumentException>(() => new MetadataEntry("x-bin", "text"));
        Assert.Throws<ArgumentException>(() => new MetadataEntry("x-text", [1]));
        Assert.Throws<ArgumentException>(() => new MetadataEntry("x-text", "caf\u00e9"));
    }

    [Fact]
    public void Lookup_returns_the_last_value_and_binary_entries_expose_base64()
    {
        var metadata = new RpcMetadata().Add("a", "1").Add("a", "2").Add("b-bin", [0xFF]);
        Assert.Equal("2", metadata.GetValue("A"));
        Assert.Equal("/w", metadata.GetValue("b-bin"));
        Assert.Equal(new byte[] { 0xFF }, metadata.GetBytes("b-bin"));
        Assert.Null(metadata.Get("c"));
    }
}
