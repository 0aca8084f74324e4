using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Server;
using DistributedCloud.Rpc.Status;
using Google.Protobuf;
using Google.Rpc;
using StatusCode = DistributedCloud.Rpc.Status.StatusCode;

namespace DistributedCloud.Rpc.Interop.Tests.Services;

/// <summary>Our implementation of the interop test service, bound by descriptor.</summary>
public sealed class InteropService
{
    private readonly CallObserver _observer;

    public InteropService(CallObserver observer)
    {
        _observer = observer;
    }

    public async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        try
        {
            if (request.DelayMs > 0)
            {
                await Task.Delay(request.DelayMs, context.CancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            _observer.Cancelled(request.Tag);
            throw;
        }

        context.ResponseTrailers.Add("echo-trailer", "done").Add("echo-trailer-bin", [0x00, 0x01, 0xFE, 0xFF]);
        if (request.FailCode != 0)
        {
            var code = (StatusCode)request.FailCode;
            if (!request.FailWithDetails)
            {
                throw new RpcException(code, request.FailMessage);
            }

            var violations = new BadRequest();
            violations.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = "text", Description = "dotnet says no", Reason = "N-7" });
            throw RpcException.WithDetails(code, request.FailMessage, violations);
        }

        if (request.ResponseSize > 0)
        {
            return new EchoResponse { Payload = ByteString.CopyFrom(new byte[request.ResponseSize]) };
        }

        var response = new EchoResponse
        {
            Text = request.Text,
            Peer = context.Peer,
            ArrivalFamily = context.ArrivalFamily?.ToString() ?? string.Empty,
            ClientCertificateSubject = context.ClientCertificate?.Subject ?? string.Empty,
            HadDeadline = context.Deadline is not null,
            PayloadSize = request.Payload.Length,
        };
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.IsBinary)
            {
                response.BinaryMetadata[entry.Key] = ByteString.CopyFrom(entry.ValueBytes);
            }
            else
            {
                response.Metadata[entry.Key] = entry.Value;
            }
        }

        return response;
    }

    public async Task Count(CountRequest request, IServerStreamWriter<CountItem> responses, ServerCallContext context)
    {
        try
        {
            for (var i = 0; i < request.Count; i++)
            {
                await responses.WriteAsync(new CountItem { Index = i });
                if (request.IntervalMs > 0)
                {
                    await Task.Delay(request.IntervalMs, context.CancellationToken);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException || context.CancellationToken.IsCancellationRequested)
        {
            _observer.Cancelled(request.Tag);
            throw;
        }
    }

    public async Task Chat(IAsyncEnumerable<CountItem> requests, IServerStreamWriter<CountItem> responses, ServerCallContext context)
    {
        await foreach (var item in requests.WithCancellation(context.CancellationToken))
        {
            await responses.WriteAsync(new CountItem { Index = item.Index * 10 });
        }
    }

    public async Task<CountItem> Sum(IAsyncEnumerable<CountItem> requests, ServerCallContext context)
    {
        var total = 0;
        await foreach (var item in requests.WithCancellation(context.CancellationToken))
        {
            total += item.Index;
        }

        return new CountItem { Index = total };
    }
}
