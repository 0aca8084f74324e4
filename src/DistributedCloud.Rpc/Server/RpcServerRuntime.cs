using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Rpc.Server;

/// <summary>What every bound method shares: options, logger and clock (resolved once, at binding).</summary>
internal sealed class RpcServerRuntime
{
    public RpcServerRuntime(IOptions<RpcServerOptions> options, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        Options = options.Value;
        Logger = loggerFactory.CreateLogger("DistributedCloud.Rpc.Server");
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    public RpcServerOptions Options { get; }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider { get; }
}
