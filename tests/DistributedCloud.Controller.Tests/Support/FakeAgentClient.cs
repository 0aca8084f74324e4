using DistributedCloud.Contracts.Agent.V1;
using AgentSite = DistributedCloud.Contracts.Agent.V1.Site;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Subclouds;
using Grpc.Core;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>
/// The network seam: agents that answer with the site the controller expects, fail, hang until the call's token ends,
/// or wait at a gate the test opens one call at a time. Counts the calls in flight and the most seen at once.
/// </summary>
internal sealed class FakeAgentClient : ISubcloudAgentClient
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hanging = new(StringComparer.Ordinal);
    private int _inFlight;

    /// <summary>When set, every call waits here for one release.</summary>
    public SemaphoreSlim? Gate { get; set; }

    public int MaxInFlight { get; private set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public List<string> Called { get; } = [];

    /// <summary>Calls of hanging agents, ended (cancelled) or not.</summary>
    public List<(string Subcloud, CancellationToken Token)> Hung { get; } = [];

    public void Down(string subcloud) => Change(() => _down.Add(subcloud));

    public void Up(string subcloud) => Change(() => _down.Remove(subcloud));

    public void Hang(string subcloud) => Change(() => _hanging.Add(subcloud));

    public async Task<AgentSite> GetSiteAsync(Subcloud subcloud, CancellationToken cancellationToken)
    {
        bool down, hanging;
        lock (_gate)
        {
            Called.Add(subcloud.Name);
            _inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            down = _down.Contains(subcloud.Name);
            hanging = _hanging.Contains(subcloud.Name);
            if (hanging)
            {
                Hung.Add((subcloud.Name, cancellationToken));
            }
        }

        try
        {
            if (Gate is { } gate)
            {
                await gate.WaitAsync(cancellationToken);
            }

            if (hanging)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return down
                ? throw new RpcException(new Status(StatusCode.Unavailable, $"connection refused ({subcloud.Agent})"))
                : ReportedSites.SiteOf(subcloud);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    public Task<ApplyNetworkChangeResponse> ApplyNetworkChangeAsync(Subcloud subcloud, ApplyNetworkChangeRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the audit loop only reads sites");

    public Task<HostActionResponse> HostActionAsync(Subcloud subcloud, HostAction action, HostActionRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the audit loop only reads sites");

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
        }
    }
}
