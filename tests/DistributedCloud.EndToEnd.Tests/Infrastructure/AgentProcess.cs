using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Fencing;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real <c>DistributedCloud.Agent</c> process (<see cref="SiteHostProcess"/>). Every call it makes carries a fencing
/// identity (default: <c>dcctl</c> at epoch 0, what <c>dcctl --agent</c> sends).
/// </summary>
public sealed class AgentProcess : SiteHostProcess
{
    public const string Assembly = "DistributedCloud.Agent.dll";

    public static readonly FencingToken Operator = new("dcctl", 0);

    private static readonly string[] Sections = ["Agent"];

    private AgentProcess(HostStart start)
        : base(Assembly, Sections, start, start.DataDirectory)
    {
    }

    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, Assembly);

    /// <summary>Starts an agent and waits until it answers GetSite; fails with its output when it does not.</summary>
    public static async Task<AgentProcess> StartAsync(HostStart? start = null, CancellationToken cancellationToken = default)
    {
        var agent = new AgentProcess(start ?? new HostStart());
        try
        {
            await agent.LaunchAsync(cancellationToken);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the agent with <paramref name="args"/> to its exit (a refused start, --migrate, --help).</summary>
    public static Task<HostExit> RunToExitAsync(TimeSpan timeout, params string[] args) => RunToExitAsync(Assembly, Sections, timeout, args);

    /// <summary>A unary SubcloudAgent call by method name, with <paramref name="fencing"/> (default: dcctl at epoch 0).</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, FencingToken? fencing = null, IpFamily? family = null)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Channel(family).UnaryAsync(Method<TRequest, TResponse>(method), request, new CallOptions { Fencing = fencing ?? Operator, Timeout = TimeSpan.FromSeconds(20) });

    public static RpcMethod<TRequest, TResponse> Method<TRequest, TResponse>(string name)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        RpcMethod<TRequest, TResponse>.From(AgentReflection.Descriptor.Services[0], name);

    public Task<V1.Site> GetSiteAsync(FencingToken? fencing = null, IpFamily? family = null) =>
        CallAsync<GetSiteRequest, V1.Site>("GetSite", new GetSiteRequest(), fencing, family);

    public Task<Host> ShowHostAsync(string host) => CallAsync<ShowHostRequest, Host>("ShowHost", new ShowHostRequest { Host = host });

    /// <summary>Polls ShowHost until <paramref name="done"/> holds (bounded).</summary>
    public async Task<Host> WaitForHostAsync(string host, Func<Host, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var current = await ShowHostAsync(host);
            if (done(current))
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{host} did not reach the expected state; last: {current}\n--- agent output\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    protected override Task ProbeAsync(RpcChannel channel, CancellationToken cancellationToken) =>
        channel.UnaryAsync(Method<GetSiteRequest, V1.Site>("GetSite"), new GetSiteRequest(), new CallOptions { Fencing = Operator, CancellationToken = cancellationToken });
}
