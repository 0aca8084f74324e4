using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Interop.Tests.Protos;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>Client-streaming and duplex exchanges run against either server.</summary>
internal static class StreamingScenarios
{
    public static async Task<int> SumAsync(RpcChannel channel)
    {
        using var call = channel.ClientStreaming(Methods.Sum);
        for (var i = 1; i <= 10; i++)
        {
            await call.RequestStream.WriteAsync(new CountItem { Index = i });
        }

        await call.RequestStream.CompleteAsync();
        return (await call.ResponseAsync).Index;
    }

    /// <summary>Ping-pong: each reply is read before the next request is written, so the call is really duplex.</summary>
    public static async Task<List<int>> ChatAsync(RpcChannel channel)
    {
        using var call = channel.DuplexStreaming(Methods.Chat);
        var replies = new List<int>();
        await using var reader = call.ReadAllAsync().GetAsyncEnumerator();
        for (var i = 1; i <= 3; i++)
        {
            await call.RequestStream.WriteAsync(new CountItem { Index = i });
            Assert.True(await reader.MoveNextAsync());
            replies.Add(reader.Current.Index);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await reader.MoveNextAsync());
        return replies;
    }
}
