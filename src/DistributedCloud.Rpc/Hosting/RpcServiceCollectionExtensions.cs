using DistributedCloud.Rpc.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Rpc.Hosting;

public static class RpcServiceCollectionExtensions
{
    /// <summary>
    /// Registers the gRPC server: options (from "Rpc:Server" when <paramref name="configuration"/> is
    /// given, then <paramref name="configure"/>), validated at start, and routing.
    /// </summary>
    public static IServiceCollection AddRpcServer(this IServiceCollection services, IConfiguration? configuration = null,
        Action<RpcServerOptions>? configure = null)
    {
        var builder = services.AddOptions<RpcServerOptions>();
        if (configuration is not null)
        {
            builder.Bind(configuration.GetSection(RpcServerOptions.SectionName));
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RpcServerOptions>, RpcServerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RpcServerRuntime>();
        services.AddRouting();
        return services;
    }
}
