using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Contracts.Fencing;
using Grpc.Core;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real <c>DistributedCloud.Agent</c> process (<see cref="SiteHostProcess"/>). Every call it makes carries a fencing
/// identity (default: <c>dcctl</c> at epoch 0, what <c>dcctl --agent</c> sends).
/// </summary>
public sealed class AgentProcess : SiteHostProcess
{
    public const string Assembly = "DistributedCloud.Agent.dll";

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

    /// <summary>Runs the agent with <paramref name="args"/> and <paramref name="environment"/> to its exit.</summary>
    public static Task<HostExit> RunToExitAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunToExitAsync(Assembly, Sections, timeout, args, environment);

    /// <summary>The agent's generated client over <paramref name="family"/> (IPv6 when it listens there).</summary>
    public SubcloudAgent.SubcloudAgentClient Client(IpFamily? family = null) => new(Channel(family));

    /// <summary>One unary call, with <paramref name="fencing"/> (default: dcctl at epoch 0): <c>agent.CallAsync((c, o) => c.ListHostsAsync(new(), o))</c>.</summary>
    public async Task<T> CallAsync<T>(Func<SubcloudAgent.SubcloudAgentClient, CallOptions, AsyncUnaryCall<T>> call, FencingToken? fencing = null, IpFamily? family = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var pending = call(Client(family), PlatformCall(fencing));
        return await pending.ResponseAsync;
    }

    public Task<V1.Site> GetSiteAsync(FencingToken? fencing = null, IpFamily? family = null) =>
        CallAsync((c, o) => c.GetSiteAsync(new GetSiteRequest(), o), fencing, family);

    public Task<Host> ShowHostAsync(string host) => CallAsync((c, o) => c.ShowHostAsync(new ShowHostRequest { Host = host }, o));

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
}
