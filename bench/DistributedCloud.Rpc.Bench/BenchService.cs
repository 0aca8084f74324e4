using DistributedCloud.Rpc.Bench.Protos;
using DistributedCloud.Rpc.Server;

namespace DistributedCloud.Rpc.Bench;

public sealed class BenchService
{
    public Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = request.Text });
}
