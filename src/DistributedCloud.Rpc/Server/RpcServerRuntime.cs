using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Rpc.Server;

/// <summary>What every bound method shares: options, logger and clock (resolved once, at binding).</summary>
internal sealed class RpcServerRuntime
{
    private readonly IServiceProviderIsService? _isService;

    public RpcServerRuntime(IOptions<RpcServerOptions> options, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null,
        IServiceProviderIsService? isService = null)
    {
        Options = options.Value;
        Logger = loggerFactory.CreateLogger("DistributedCloud.Rpc.Server");
        TimeProvider = timeProvider ?? TimeProvider.System;
        _isService = isService;
    }

    /// <summary>True when <paramref name="type"/> is registered in the container.</summary>
    public bool IsService(Type type) => _isService?.IsService(type) == true;

    public RpcServerOptions Options { get; }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider { get; }
}
