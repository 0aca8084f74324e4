using DistributedCloud.Rpc.Bench.Protos;
using Grpc.Core;

namespace DistributedCloud.Rpc.Bench;

/// <summary>Bench.Echo on the official stack: derived from the generated base class, like every service of the product.</summary>
public sealed class BenchService : Protos.Bench.BenchBase
{
    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = request.Text });
}
