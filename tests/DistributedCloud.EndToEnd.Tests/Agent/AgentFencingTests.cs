using System.Text.Json;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Fencing;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace DistributedCloud.EndToEnd.Tests.Agent;

/// <summary>Fencing (architecture decision 5, G-10 minimal form) as a controller and an operator see it.</summary>
[Collection(AgentCollection.Name)]
public sealed class AgentFencingTests
{
    [Fact]
    public async Task A_call_without_the_fencing_identity_is_refused_as_invalid()
    {
        await using var agent = await AgentProcess.StartAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => agent.Client().ListHostsAsync(new ListHostsRequest(), deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal([FencingMetadata.ControllerIdKey, FencingMetadata.LeadershipEpochKey],
            refused.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task A_higher_epoch_is_accepted_and_recorded_a_lower_one_and_a_rival_at_the_same_epoch_are_refused_even_after_a_restart()
    {
        await using var agent = await AgentProcess.StartAsync();
        var controllerA = new FencingToken("controller-a", 3);

        // Before any controller claimed an epoch, the operator's dcctl (epoch 0) is obeyed.
        Assert.Equal(new Leadership { ControllerId = "", Epoch = 0 }, (await agent.GetSiteAsync()).Leadership);

        var site = await agent.GetSiteAsync(controllerA);
        Assert.Equal(new Leadership { ControllerId = "controller-a", Epoch = 3 }, site.Leadership);

        var stale = await Assert.ThrowsAsync<RpcException>(() => agent.ShowHostAsync("controller-0"));
        AssertStale(stale, "controller-a", 3);
        Assert.Contains("Controller 'dcctl' at leadership epoch 0 is not this site's leader", stale.Status.Detail, StringComparison.Ordinal);

        var rival = await Assert.ThrowsAsync<RpcException>(() => agent.GetSiteAsync(new FencingToken("controller-b", 3)));
        AssertStale(rival, "controller-a", 3);

        await agent.RestartAsync();
        var lower = await Assert.ThrowsAsync<RpcException>(() => agent.GetSiteAsync(new FencingToken("controller-b", 2)));
        AssertStale(lower, "controller-a", 3);
        Assert.Equal("controller-a", (await agent.GetSiteAsync(controllerA)).Leadership.ControllerId);

        // A takeover at a higher epoch is accepted and recorded; the old leader is then fenced off.
        Assert.Equal(new Leadership { ControllerId = "controller-b", Epoch = 4 }, (await agent.GetSiteAsync(new FencingToken("controller-b", 4))).Leadership);
        AssertStale(await Assert.ThrowsAsync<RpcException>(() => agent.GetSiteAsync(controllerA)), "controller-b", 4);

        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(agent.DataDirectory, "leadership.json")));
        Assert.Equal(("controller-b", 4UL), (record.RootElement.GetProperty("controller_id").GetString(), record.RootElement.GetProperty("epoch").GetUInt64()));
    }

    private static void AssertStale(RpcException refused, string controller, ulong epoch)
    {
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var info = refused.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal((FencingMetadata.StaleEpochReason, FencingMetadata.ErrorDomain), (info.Reason, info.Domain));
        Assert.Equal(controller, info.Metadata["current_controller_id"]);
        Assert.Equal(epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Metadata["current_epoch"]);
    }
}
