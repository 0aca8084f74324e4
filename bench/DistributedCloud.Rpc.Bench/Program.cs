using System.Globalization;
using System.Net;
using DistributedCloud.Rpc.Bench;
using DistributedCloud.Rpc.Bench.Protos;
using DistributedCloud.Rpc.Hosting;
using DistributedCloud.Rpc.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// usage: DistributedCloud.Rpc.Bench ours|bare PORT
if (args.Length != 2 || args[0] is not ("ours" or "bare") || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var port))
{
    Console.Error.WriteLine("usage: DistributedCloud.Rpc.Bench ours|bare PORT");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    if (args[0] == "ours")
    {
        kestrel.ListenRpc(new IPEndPoint(IPAddress.Loopback, port));
    }
    else
    {
        kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
    }
});
builder.Services.AddRpcServer();
var app = builder.Build();
if (args[0] == "ours")
{
    app.MapRpcService<BenchService>(BenchReflection.Descriptor.Services[0]);
}
else
{
    // The ceiling: read the request, answer the framed reply the handler would give, and the status.
    var reply = MessageFraming.ToFrame(new EchoReply { Text = "hello" });
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

        context.Response.ContentType = GrpcProtocol.ContentType;
        await context.Response.BodyWriter.WriteAsync(reply);
        context.Response.AppendTrailer(GrpcProtocol.StatusHeader, "0");
    });
}

await app.StartAsync();
Console.WriteLine("READY");
await app.WaitForShutdownAsync();
return 0;
