using System.Reflection;
using DistributedCloud.Rpc.Diagnostics;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Rpc.Server;

/// <summary>
/// Binds an implementation class to the routes of a protobuf service descriptor. For each method of
/// the descriptor the class may have a public instance method of the same name with the shape:
/// <list type="bullet">
/// <item>unary: <c>Task&lt;TRes&gt; M(TReq request, ServerCallContext context)</c></item>
/// <item>server streaming: <c>Task M(TReq request, IServerStreamWriter&lt;TRes&gt; responses, ServerCallContext context)</c></item>
/// <item>client streaming: <c>Task&lt;TRes&gt; M(IAsyncEnumerable&lt;TReq&gt; requests, ServerCallContext context)</c></item>
/// <item>duplex: <c>Task M(IAsyncEnumerable&lt;TReq&gt; requests, IServerStreamWriter&lt;TRes&gt; responses, ServerCallContext context)</c></item>
/// </list>
/// A method of that name with another shape is a binding error (thrown at start); a missing one
/// answers UNIMPLEMENTED.
/// </summary>
internal static class RpcServiceBinder
{
    public static IReadOnlyList<string> Bind<TService>(IEndpointRouteBuilder endpoints, ServiceDescriptor service, RpcServerRuntime runtime,
        IReadOnlyList<IRpcCallFilter>? filters = null)
        where TService : class
    {
        filters ??= [];
        var bound = new List<string>();
        var problems = new List<string>();
        foreach (var method in service.Methods)
        {
            var path = $"/{service.FullName}/{method.Name}";
            var kind = KindOf(method);
            var candidates = typeof(TService).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name == method.Name)
                .ToList();
            if (candidates.Count == 0)
            {
                RpcLog.MethodNotImplemented(runtime.Logger, path, typeof(TService).Name);
                endpoints.MapPost(path, http => UnimplementedEndpoints.MethodAsync(http, path));
                continue;
            }

            var requestType = method.InputType.ClrType;
            var responseType = method.OutputType.ClrType;
            var delegateType = DelegateType(kind, typeof(TService), requestType, responseType);
            var parameterTypes = delegateType.GetMethod("Invoke")!.GetParameters().Skip(1).Select(p => p.ParameterType).ToArray();
            var returnType = delegateType.GetMethod("Invoke")!.ReturnType;
            var match = candidates.FirstOrDefault(m =>
                m.ReturnType == returnType && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameterTypes));
            if (match is null)
            {
                problems.Add($"{typeof(TService).FullName}.{method.Name} must be '{Describe(returnType)} {method.Name}({string.Join(", ", parameterTypes.Select(Describe))})' to serve {path} ({kind}).");
                continue;
            }

            var handler = match.CreateDelegate(delegateType);
            var handlerType = typeof(ServerMethodHandler<,,>).MakeGenericType(typeof(TService), requestType, responseType);
            var instance = Activator.CreateInstance(handlerType, path, kind, method.InputType.Parser, handler, runtime, filters)!;
            var invoke = (Func<HttpContext, Task>)handlerType.GetMethod("HandleAsync")!.CreateDelegate(typeof(Func<HttpContext, Task>), instance);
            endpoints.MapPost(path, http => invoke(http));
            RpcLog.MethodBound(runtime.Logger, path, kind.ToString(), typeof(TService).Name);
            bound.Add(path);
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Cannot bind {service.FullName}: " + string.Join(" ", problems));
        }

        return bound;
    }

    public static RpcMethodKind KindOf(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => RpcMethodKind.Unary,
        (false, true) => RpcMethodKind.ServerStreaming,
        (true, false) => RpcMethodKind.ClientStreaming,
        _ => RpcMethodKind.DuplexStreaming,
    };

    private static Type DelegateType(RpcMethodKind kind, Type service, Type request, Type response) => kind switch
    {
        RpcMethodKind.Unary => typeof(Func<,,,>).MakeGenericType(service, request, typeof(ServerCallContext), typeof(Task<>).MakeGenericType(response)),
        RpcMethodKind.ServerStreaming => typeof(Func<,,,,>).MakeGenericType(service, request, typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext), typeof(Task)),
        RpcMethodKind.ClientStreaming => typeof(Func<,,,>).MakeGenericType(service, typeof(IAsyncEnumerable<>).MakeGenericType(request), typeof(ServerCallContext), typeof(Task<>).MakeGenericType(response)),
        _ => typeof(Func<,,,,>).MakeGenericType(service, typeof(IAsyncEnumerable<>).MakeGenericType(request), typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext), typeof(Task)),
    };

    private static string Describe(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;
}
