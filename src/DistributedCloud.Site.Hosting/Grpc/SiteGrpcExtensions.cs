using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Site.Hosting.Health;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Site.Hosting.Grpc;

/// <summary>The gRPC server every site host runs: the official stack, domain errors mapped in one place, health and reflection.</summary>
public static class SiteGrpcExtensions
{
    /// <summary>
    /// Registers the gRPC server: "Rpc:Server" settings validated at start, message limits, <see cref="DomainErrorInterceptor"/>
    /// around every service, <c>grpc.health.v1.Health</c> fed by <see cref="SiteReadiness"/>, and server reflection.
    /// </summary>
    public static IServiceCollection AddSiteGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GrpcServerOptions>().Bind(configuration.GetSection(GrpcServerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrpcServerOptions>, GrpcServerOptionsValidator>());
        services.AddGrpc();
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<GrpcServerOptions>>((grpc, settings) =>
        {
            grpc.Interceptors.Add<DomainErrorInterceptor>();
            GrpcServerOptions server;
            try
            {
                server = settings.Value;
            }
            catch (OptionsValidationException)
            {
                // The start sequence reports every bad setting and refuses to start; no call is served with these.
                return;
            }

            grpc.MaxReceiveMessageSize = server.MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = server.MaxSendMessageSize;
            grpc.EnableDetailedErrors = server.EnableDetailedErrors;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<SiteReadiness>(Endpoints.HealthEndpoints.ReadyCheck);
        return services;
    }

    /// <summary>Maps the standard health and reflection services beside the host's own.</summary>
    public static IEndpointRouteBuilder MapSiteGrpcServices(this IEndpointRouteBuilder endpoints)
    {
        // Load balancers and orchestrators probe without credentials; reflection needs a reader like every other call.
        endpoints.MapGrpcHealthChecksService().AllowAnonymous();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }

    /// <summary>The keepalive settings of validated options: (delay, timeout), or null when keepalive is off.</summary>
    internal static (TimeSpan Delay, TimeSpan Timeout)? KeepAlive(GrpcServerOptions options) =>
        string.IsNullOrWhiteSpace(options.KeepAliveInterval)
            ? null
            : (Durations.Parse(options.KeepAliveInterval), Durations.Parse(options.KeepAliveTimeout));
}
