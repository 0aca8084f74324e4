using System.Buffers;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;
using Google.Protobuf.WellKnownTypes;

namespace DistributedCloud.Rpc.Tests.Wire;

public sealed class MessageFramingTests
{
    [Fact]
    public void A_frame_is_flag_then_big_endian_length_then_the_message()
    {
        var message = new StringValue { Value = "hi" };
        var frame = MessageFraming.ToFrame(message);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 4, 0x0A, 2, (byte)'h', (byte)'i' }, frame);

        var writer = new ArrayBufferWriter<byte>();
        MessageFraming.Write(writer, message);
        Assert.Equal(frame, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void An_empty_message_is_a_bare_header()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0 }, MessageFraming.ToFrame(new Empty()));
    }

    [Fact]
    public void Reads_consecutive_frames_and_waits_for_incomplete_ones()
    {
        var bytes = MessageFraming.ToFrame(new StringValue { Value = "one" })
            .Concat(MessageFraming.ToFrame(new StringValue { Value = "two" }))
            .ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(MessageFraming.TryRead(ref buffer, 1024, out var first));
        Assert.Equal("one", StringValue.Parser.ParseFrom(first).Value);
        Assert.True(MessageFraming.TryRead(ref buffer, 1024, out var second));
        Assert.Equal("two", StringValue.Parser.ParseFrom(second).Value);
        Assert.Equal(0, buffer.Length);

        for (var cut = 0; cut < 10; cut++)
        {
            var partial = new ReadOnlySequence<byte>(bytes.AsMemory(0, cut));
            Assert.False(MessageFraming.TryRead(ref partial, 1024, out _));
            Assert.Equal(cut, partial.Length);
        }
    }

    [Fact]
    public void An_announced_length_above_the_limit_is_resource_exhausted_before_the_body_arrives()
    {
        var header = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0x40, 0, 1 });
        var error = Assert.Throws<RpcException>(() => MessageFraming.TryRead(ref header, 4 * 1024 * 1024, out _));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("4194305 vs. 4194304", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compressed_frame_without_negotiated_encoding_is_internal()
    {
        var frame = new ReadOnlySequence<byte>(new byte[] { 1, 0, 0, 0, 0 });
        Assert.Equal(StatusCode.Internal, Assert.Throws<RpcException>(() => MessageFraming.TryRead(ref frame, 10, out _)).StatusCode);
        var bad = new ReadOnlySequence<byte>(new byte[] { 7, 0, 0, 0, 0 });
        Assert.Equal(StatusCode.Internal, Assert.Throws<RpcException>(() => MessageFraming.TryRead(ref bad, 10, out _)).StatusCode);
    }

    [Fact]
    public void Writing_refuses_a_message_above_the_send_limit()
    {
        var error = Assert.Throws<RpcException>(() =>
            MessageFraming.Write(new ArrayBufferWriter<byte>(), new BytesValue { Value = Google.Protobuf.ByteString.CopyFrom(new byte[100]) }, 50));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}
