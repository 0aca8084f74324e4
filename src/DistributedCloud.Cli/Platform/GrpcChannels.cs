using Grpc.Net.Client;

namespace DistributedCloud.Cli.Platform;

/// <summary>
/// dcctl's channels: one per command run, a bounded connect so an absent server is reported quickly, and HTTP/2 pings
/// while a call is open, so a watch (strategy apply, a host action's events) notices a dead connection.
/// </summary>
public static class GrpcChannels
{
    public static GrpcChannel Create(string address, TimeSpan callTimeout) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, callTimeout.TotalSeconds)),
                EnableMultipleHttp2Connections = false,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            },
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
}
