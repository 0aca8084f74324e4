using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Rpc.Server;

/// <summary>Per-call bookkeeping shared by the pipeline, the context and the stream writer.</summary>
internal sealed class ServerCallState
{
    public bool HeadersSent { get; private set; }

    /// <summary>Sends the response headers at once (a handler's explicit request).</summary>
    public async Task WriteResponseHeadersAsync(HttpContext http, RpcMetadata headers)
    {
        if (HeadersSent)
        {
            throw new InvalidOperationException("Response headers have already been sent for this call.");
        }

        foreach (var entry in headers)
        {
            ServerResponses.AppendHeader(http.Response.Headers, entry);
        }

        HeadersSent = true;
        try
        {
            await http.Response.StartAsync(http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw new RpcException(StatusCode.Cancelled, "The call was cancelled by the client.");
        }
    }

    /// <summary>Marks the headers as sent: they leave with the first message (no separate flush).</summary>
    public void MarkStarted() => HeadersSent = true;
}
