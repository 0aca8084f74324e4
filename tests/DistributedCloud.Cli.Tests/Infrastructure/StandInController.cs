using System.Collections.Concurrent;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Rpc.Server;
using Google.Protobuf;
using ListAlarmsRequest = DistributedCloud.Contracts.Controller.V1.ListAlarmsRequest;
using ListAlarmsResponse = DistributedCloud.Contracts.Controller.V1.ListAlarmsResponse;

namespace DistributedCloud.Cli.Tests.Infrastructure;

/// <summary>
/// A system controller answering from fixed data: <see cref="SampleSite"/> for every site target, the subclouds and
/// strategy updates a test sets. Every request is recorded, so a test can prove what was (or was not) sent.
/// </summary>
public sealed class StandInController
{
    private volatile bool _locked;

    public ConcurrentQueue<IMessage> Requests { get; } = new();

    public List<Subcloud> Subclouds { get; } = [];

    /// <summary>The strategy as CreateStrategy, GetStrategy, ApplyStrategy and AbortStrategy answer it.</summary>
    public Strategy Strategy { get; set; } = new() { Type = StrategyType.NetworkMode, State = StrategyState.Initial };

    /// <summary>What WatchStrategy streams, in order, before it ends.</summary>
    public List<Strategy> StrategyUpdates { get; } = [];

    public List<AlarmSummary> AlarmSummaries { get; } = [];

    /// <summary>Refuses ManageSubcloud as the real controller does (D-3), with two problems.</summary>
    public static DomainException ManageRefusal => new(
    [
        new DomainError("D-3", "deploy_status", "subcloud1 is not deployed (deploy status not-deployed)", ErrorKind.FailedPrecondition),
        new DomainError("D-3", "availability", "subcloud1 is offline", ErrorKind.FailedPrecondition),
    ]);

    public IEnumerable<T> Received<T>() => Requests.OfType<T>();

    public Task<ListNetworksResponse> ListNetworks(SiteListNetworksRequest request, ServerCallContext context) =>
        Answer(request, new ListNetworksResponse { Networks = { SampleSite.Networks() } });

    public Task<ListAddressPoolsResponse> ListAddressPools(SiteListAddressPoolsRequest request, ServerCallContext context) =>
        Answer(request, new ListAddressPoolsResponse { Pools = { SampleSite.Pools() } });

    public Task<AddressPool> ShowAddressPool(SiteShowAddressPoolRequest request, ServerCallContext context) =>
        Answer(request, SampleSite.Pools().First(p => p.Name == request.Request.Pool || p.Uuid == request.Request.Pool));

    public Task<ListNetworkAddressPoolsResponse> ListNetworkAddressPools(SiteListNetworkAddressPoolsRequest request, ServerCallContext context) =>
        Answer(request, new ListNetworkAddressPoolsResponse { NetworkAddressPools = { SampleSite.NetworkPools() } });

    public Task<ListHostsResponse> ListHosts(SiteListHostsRequest request, ServerCallContext context) =>
        Answer(request, new ListHostsResponse { Hosts = { SampleSite.Hosts() } });

    public Task<Host> ShowHost(SiteShowHostRequest request, ServerCallContext context)
    {
        var host = SampleSite.Hosts().First(h => h.Hostname == request.Request.Host || h.Uuid == request.Request.Host);
        if (_locked && host.Hostname == "controller-1")
        {
            host.Administrative = AdministrativeState.Locked;
            host.Operational = OperationalState.Disabled;
            host.Availability = Availability.Online;
        }

        return Answer(request, host);
    }

    /// <summary>Accepts the lock with a task; the next ShowHost finds the host locked and the task gone.</summary>
    public Task<HostActionResponse> LockHost(SiteHostActionRequest request, ServerCallContext context)
    {
        var host = SampleSite.Hosts().First(h => h.Hostname == request.Request.Host);
        host.Task = "Locking";
        _locked = true;
        return Answer(request, new HostActionResponse { Host = host, OperationId = request.Request.OperationId });
    }

    /// <summary>Relays no events: the waiting side polls the host, the stream only adds detail.</summary>
    public async Task WatchSiteEvents(SiteWatchEventsRequest request, IServerStreamWriter<SiteEvent> responses, ServerCallContext context)
    {
        Requests.Enqueue(request);
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // dcctl stopped watching.
        }
    }

    public Task<ListAlarmsResponse> ListAlarms(ListAlarmsRequest request, ServerCallContext context) =>
        Answer(request, new ListAlarmsResponse { Alarms = { SampleSite.Alarms() }, SubcloudSummaries = { request.Target is null ? AlarmSummaries : [] } });

    public Task<ListSubcloudsResponse> ListSubclouds(ListSubcloudsRequest request, ServerCallContext context) =>
        Answer(request, new ListSubcloudsResponse { Subclouds = { Subclouds } });

    public Task<Subcloud> GetSubcloud(GetSubcloudRequest request, ServerCallContext context) =>
        Answer(request, Subclouds.First(s => s.Name == request.Name));

    public Task<Subcloud> AddSubcloud(AddSubcloudRequest request, ServerCallContext context) =>
        Answer(request, new Subcloud { Name = request.Name, Region = "0123456789abcdef0123456789abcdef", DeployStatus = "not-deployed" });

    public Task<Subcloud> ManageSubcloud(ManageSubcloudRequest request, ServerCallContext context)
    {
        Requests.Enqueue(request);
        throw ManageRefusal;
    }

    public Task<SubcloudGroup> UpdateSubcloudGroup(UpdateSubcloudGroupRequest request, ServerCallContext context) =>
        Answer(request, new SubcloudGroup { Id = 2, Name = request.Name.Length > 0 ? request.Name : request.Group, UpdateApplyType = request.UpdateApplyType });

    public Task<Strategy> CreateStrategy(CreateStrategyRequest request, ServerCallContext context) => Answer(request, Strategy);

    public Task<Strategy> GetStrategy(GetStrategyRequest request, ServerCallContext context) => Answer(request, Strategy);

    public Task<Strategy> ApplyStrategy(ApplyStrategyRequest request, ServerCallContext context) => Answer(request, Strategy);

    public async Task WatchStrategy(WatchStrategyRequest request, IServerStreamWriter<Strategy> responses, ServerCallContext context)
    {
        Requests.Enqueue(request);
        foreach (var update in StrategyUpdates)
        {
            await responses.WriteAsync(update, context.CancellationToken);
        }
    }

    private Task<T> Answer<T>(IMessage request, T response)
    {
        Requests.Enqueue(request);
        return Task.FromResult(response);
    }
}
