using DistributedCloud.Rpc.Server;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DistributedCloud.Rpc.Hosting;

public static class RpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <paramref name="service"/> (from a generated <c>XxxReflection.Descriptor.Services</c>) with
    /// <typeparamref name="TService"/>, resolved per call from DI (or created with its dependencies).
    /// Returns the bound paths. See <see cref="RpcServiceBinder"/> for the handler shapes.
    /// <paramref name="filters"/> run in order before every call of the service (<see cref="IRpcCallFilter"/>).
    /// </summary>
    public static IReadOnlyList<string> MapRpcService<TService>(this IEndpointRouteBuilder endpoints, ServiceDescriptor service,
        params IRpcCallFilter[] filters)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(filters);
        var runtime = endpoints.ServiceProvider.GetRequiredService<RpcServerRuntime>();
        return RpcServiceBinder.Bind<TService>(endpoints, service, runtime, filters);
    }

    /// <summary>Answers UNIMPLEMENTED to gRPC requests for any other "/Service/Method" path (404 for non-gRPC requests).</summary>
    public static IEndpointConventionBuilder MapRpcUnimplemented(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Map("/{service}/{method}", UnimplementedEndpoints.UnknownAsync).WithOrder(int.MaxValue);
    }
}
