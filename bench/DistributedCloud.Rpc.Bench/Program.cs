using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using DistributedCloud.Rpc.Bench;
using DistributedCloud.Rpc.Bench.Protos;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// usage: DistributedCloud.Rpc.Bench official|bare PORT
// Listens on 127.0.0.1:PORT (0: a port the OS picks), HTTP/2 cleartext, and prints "READY <port>" once it accepts calls.
if (args.Length != 2 || args[0] is not ("official" or "bare") || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var port))
{
    Console.Error.WriteLine("usage: DistributedCloud.Rpc.Bench official|bare PORT");
    return 2;
}

var official = args[0] == "official";
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
if (official)
{
    builder.Services.AddGrpc();
}

var app = builder.Build();
if (official)
{
    app.MapGrpcService<BenchService>();
}
else
{
    // The ceiling: read the request body, answer the framed reply the handler would give (one uncompressed
    // length-prefixed message, built once), then the grpc-status trailer. No parsing, no handler, no serialization.
    var message = new EchoReply { Text = "hello" }.ToByteArray();
    var reply = new byte[5 + message.Length];
    BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(1), (uint)message.Length);
    message.CopyTo(reply, 5);
    app.MapPost("/distributedcloud.bench.v1.Bench/Echo", async context =>
    {
        while (true)
        {
            var read = await context.Request.BodyReader.ReadAsync();
            context.Request.BodyReader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        context.Response.ContentType = "application/grpc";
        await context.Response.BodyWriter.WriteAsync(reply);
        context.Response.AppendTrailer("grpc-status", "0");
    });
}

await app.StartAsync();
var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"READY {new Uri(bound).Port}"));
await app.WaitForShutdownAsync();
return 0;
