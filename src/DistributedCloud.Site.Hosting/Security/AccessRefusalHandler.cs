using DistributedCloud.Security.Access;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DistributedCloud.Site.Hosting.Security;

/// <summary>
/// Turns a refused authorization into UNAUTHENTICATED or PERMISSION_DENIED with the reason, the role needed and the way
/// to get credentials (S-7), and records the refusal in the host's audit (S-8).
/// </summary>
public sealed class AccessRefusalHandler(AccessAdvice advice, TimeProvider time) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Succeeded || !GrpcRefusal.IsGrpc(context))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
            return;
        }

        var method = context.Request.Path.Value ?? string.Empty;
        StatusCode code;
        string message;
        if (authorizeResult.Challenged || context.User.Identity?.IsAuthenticated != true)
        {
            var failure = (await context.AuthenticateAsync(AccessAuthenticationHandler.SchemeName).ConfigureAwait(false)).Failure?.Message;
            code = StatusCode.Unauthenticated;
            message = failure is null
                ? $"{method} needs credentials and the call carries none (S-6). {advice.HowToAuthenticate}"
                : $"{method} refused the caller's credentials: {failure} (S-6). {advice.HowToAuthenticate}";
        }
        else
        {
            var needed = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RoleRequirement>().Select(r => r.Role).DefaultIfEmpty(AdminRole.Admin).Max() ?? AdminRole.Admin;
            var held = context.User.Role();
            code = StatusCode.PermissionDenied;
            message = $"'{context.User.Identity()}' has role '{held?.Name() ?? "none"}'; {method} needs role '{needed.Name()}' (S-7). "
                + $"Ask an administrator for a token with that role: dcctl token create NAME --role {needed.Name()}.";
        }

        if (context.RequestServices.GetService<IAccessAudit>() is { } audit)
        {
            await audit.RecordAsync(new AccessEvent(
                time.GetUtcNow(),
                context.User.Identity(),
                context.User.Role()?.Name(),
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                method,
                context.Request.Headers["dc-subcloud"].ToString() is { Length: > 0 } subcloud ? subcloud : null,
                context.Request.Headers["x-request-id"].ToString() is { Length: > 0 } id ? id : context.TraceIdentifier,
                AccessOutcome.Refused,
                code.ToString()), context.RequestAborted).ConfigureAwait(false);
        }

        await GrpcRefusal.WriteAsync(context, code, message).ConfigureAwait(false);
    }
}

/// <summary>What a refused caller is told to do to get credentials; each host says where its credentials are.</summary>
public sealed record AccessAdvice(string HowToAuthenticate);
