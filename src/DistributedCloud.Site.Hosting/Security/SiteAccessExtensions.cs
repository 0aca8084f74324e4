using System.Threading.RateLimiting;
using DistributedCloud.Security.Access;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Site.Hosting.Security;

/// <summary>
/// Authentication, the role policies and the per-identity rate limit of a site host's gRPC services (S-6, S-7, S-9).
/// Every endpoint needs at least the reader role unless it says otherwise (the standard health service, the health and
/// metrics endpoints); methods that change something carry <c>[Authorize(Policy = AdminRoles.Operator)]</c> or Admin.
/// </summary>
public static class SiteAccessExtensions
{
    public static IServiceCollection AddSiteAccess(this IServiceCollection services, IConfiguration configuration, AccessAdvice advice)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.TryAddSingleton<ServerCredentials>();
        services.AddSingleton(advice);
        services.AddAuthentication(AccessAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AccessAuthenticationHandler>(AccessAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminRoles.Reader, Policy(AdminRole.Reader))
            .AddPolicy(AdminRoles.Operator, Policy(AdminRole.Operator))
            .AddPolicy(AdminRoles.Admin, Policy(AdminRole.Admin))
            .SetFallbackPolicy(Policy(AdminRole.Reader));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessRefusalHandler>();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!GrpcRefusal.IsGrpc(http))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var limits = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RateLimit;
                // Per identity once authenticated; an unauthenticated caller is limited by its address.
                var key = http.User.Identity?.IsAuthenticated == true ? "id:" + http.User.Identity() : "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = Math.Max(1, limits.PermitsPerSecond / 10),
                    ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (context, _) => new ValueTask(GrpcRefusal.WriteAsync(context.HttpContext, StatusCode.ResourceExhausted,
                $"'{context.HttpContext.User.Identity()}' is over its call rate (S-9); slow down and retry after a second."));
        });
        return services;
    }

    /// <summary>Authentication, then the rate limit (per identity), then authorization; call after routing.</summary>
    public static WebApplication UseSiteAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static AuthorizationPolicy Policy(AdminRole role) => new AuthorizationPolicyBuilder(AccessAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser()
        .AddRequirements(new RoleRequirement(role))
        .Build();
}
