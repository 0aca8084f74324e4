using System.Collections.Concurrent;
using System.Text;
using DistributedCloud.Contracts.Routing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Site.Hosting.Grpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Controller.Access;

/// <summary>
/// S-8 for the calls that reach a service: each call of a method that needs the operator or admin role (its
/// <see cref="IAuthorizeData"/> policy) is recorded in <see cref="IAccessAudit"/> once it ends, done or refused (the
/// status it ends with and its message, shortened), with the authenticated caller, its address, the method, what it
/// acted on (<c>dc-subcloud</c> when the call names a subcloud, else <see cref="RequestTargets"/>) and its request id
/// (<c>x-request-id</c>, else the server's trace identifier). Calls refused before they reach a service (no
/// credentials, a role too low) are recorded by the authorization layer through the same <see cref="IAccessAudit"/>.
/// </summary>
public sealed class AuditInterceptor(IAccessAudit audit, TimeProvider time) : Interceptor
{
    public const string RequestIdHeader = "x-request-id";

    private const int MaxReason = 240;

    private readonly ConcurrentDictionary<string, bool> _audited = new(StringComparer.Ordinal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (!IsAudited(context))
        {
            return await continuation(request, context).ConfigureAwait(false);
        }

        var started = time.GetUtcNow();
        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            await RecordAsync(context, request, started, failure: null).ConfigureAwait(false);
            return response;
        }
        catch (Exception failure)
        {
            await RecordAsync(context, request, started, failure).ConfigureAwait(false);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (!IsAudited(context))
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            return;
        }

        var started = time.GetUtcNow();
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            await RecordAsync(context, request, started, failure: null).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            await RecordAsync(context, request, started, failure).ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (!IsAudited(context))
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }

        var started = time.GetUtcNow();
        try
        {
            var response = await continuation(requestStream, context).ConfigureAwait(false);
            await RecordAsync(context, request: null, started, failure: null).ConfigureAwait(false);
            return response;
        }
        catch (Exception failure)
        {
            await RecordAsync(context, request: null, started, failure).ConfigureAwait(false);
            throw;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (!IsAudited(context))
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
            return;
        }

        var started = time.GetUtcNow();
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
            await RecordAsync(context, request: null, started, failure: null).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            await RecordAsync(context, request: null, started, failure).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The status a failure ends the call with and its message, e.g. <c>NOT_FOUND: no subcloud is named 'x'</c>.</summary>
    public static string Reason(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var reason = failure switch
        {
            RpcException rpc => $"{StatusName(rpc.StatusCode)}: {rpc.Status.Detail}",
            DomainException domain => $"{StatusName(DomainErrorInterceptor.ToStatusCode(domain.Kind))}: {domain.Message}",
            OperationCanceledException => $"{StatusName(StatusCode.Cancelled)}: the caller cancelled the call or its deadline passed",
            _ => $"{StatusName(StatusCode.Internal)}: {failure.GetType().Name}",
        };
        return reason.Length <= MaxReason ? reason : reason[..(MaxReason - 3)] + "...";
    }

    /// <summary>gRPC's own spelling: <c>PermissionDenied</c> is <c>PERMISSION_DENIED</c>.</summary>
    public static string StatusName(StatusCode code)
    {
        var name = code.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }

    private bool IsAudited(ServerCallContext context) =>
        _audited.GetOrAdd(context.Method, static (_, http) =>
            http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is AdminRoles.Operator or AdminRoles.Admin) ?? false,
            context.GetHttpContext());

    private ValueTask RecordAsync(ServerCallContext context, object? request, DateTimeOffset started, Exception? failure)
    {
        var http = context.GetHttpContext();
        var user = http.User;
        var source = context.RemoteAddress()?.ToString() ?? (string.IsNullOrEmpty(context.Peer) ? "(unknown)" : context.Peer);
        var target = SubcloudMetadata.Read(context.RequestHeaders) ?? RequestTargets.Of(request);
        var requestId = context.RequestHeaders.GetValue(RequestIdHeader) is { Length: > 0 } id ? id : http.TraceIdentifier;
        var accessEvent = new AccessEvent(started, AccessClaims.Identity(user), AccessClaims.Role(user)?.Name(), source, context.Method, target, requestId,
            failure is null ? AccessOutcome.Done : AccessOutcome.Refused, failure is null ? null : Reason(failure));
        return audit.RecordAsync(accessEvent, CancellationToken.None);
    }
}
