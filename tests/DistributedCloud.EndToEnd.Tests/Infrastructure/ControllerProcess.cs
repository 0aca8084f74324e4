using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.Rpc.Client;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real <c>DistributedCloud.Controller</c> process (<see cref="SiteHostProcess"/>), called on its admin API
/// (<c>distributedcloud.controller.v1.SystemController</c>, no fencing metadata: admin calls carry none).
/// </summary>
public sealed class ControllerProcess : SiteHostProcess
{
    public const string Assembly = "DistributedCloud.Controller.dll";

    private static readonly string[] Sections = ["Controller", "Audit", "Agents", "Subclouds", "Strategies", "Bus", "Workflows"];

    private ControllerProcess(HostStart start)
        : base(Assembly, Sections, start, start.DataDirectory)
    {
    }

    /// <summary>Starts a controller and waits until it answers GetSite; fails with its output when it does not.</summary>
    public static async Task<ControllerProcess> StartAsync(HostStart start, CancellationToken cancellationToken = default)
    {
        var controller = new ControllerProcess(start);
        try
        {
            await controller.LaunchAsync(cancellationToken);
            return controller;
        }
        catch
        {
            await controller.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the controller with <paramref name="args"/> to its exit (a refused start, --migrate, --help).</summary>
    public static Task<HostExit> RunToExitAsync(TimeSpan timeout, params string[] args) => RunToExitAsync(Assembly, Sections, timeout, args);

    public static RpcMethod<TRequest, TResponse> Method<TRequest, TResponse>(string name)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        RpcMethod<TRequest, TResponse>.From(ControllerReflection.Descriptor.Services[0], name);

    /// <summary>A unary SystemController call by method name.</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Channel().UnaryAsync(Method<TRequest, TResponse>(method), request, new CallOptions { Timeout = TimeSpan.FromSeconds(20) });

    public async Task<Subcloud> GetSubcloudAsync(string name) => await CallAsync<GetSubcloudRequest, Subcloud>("GetSubcloud", new GetSubcloudRequest { Name = name });

    /// <summary>Polls GetSubcloud until <paramref name="done"/> holds (bounded; the audit interval is the test's).</summary>
    public async Task<Subcloud> WaitForSubcloudAsync(string name, Func<Subcloud, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var current = await GetSubcloudAsync(name);
            if (done(current))
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"subcloud {name} did not reach the expected state; last: {current}\n--- controller output\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    protected override Task ProbeAsync(RpcChannel channel, CancellationToken cancellationToken) =>
        channel.UnaryAsync(Method<SiteGetSiteRequest, V1.Site>("GetSite"), new SiteGetSiteRequest(), new CallOptions { CancellationToken = cancellationToken });
}
