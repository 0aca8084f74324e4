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

    [Theory]
    [InlineData(1UL)]
    [InlineData(ulong.MaxValue)]
    public async Task An_epoch_above_the_held_one_is_refused_with_its_reason_and_nothing_is_recorded_S5(ulong claimed)
    {
        // Development mode: the caller proves no controller identity, so the claim itself is what is judged.
        await using var agent = await AgentProcess.StartAsync(new HostStart { Development = true });

        var refused = await Assert.ThrowsAsync<RpcException>(() => agent.GetSiteAsync(new FencingToken("controller-a", claimed)));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var info = refused.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal((FencingMetadata.EpochAboveHeldReason, FencingMetadata.ErrorDomain), (info?.Reason, info?.Domain));
        Assert.Contains("(S-5)", refused.Status.Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(agent.DataDirectory, "leadership.json")), "a refused claim was recorded");
        Assert.Equal(new Leadership { ControllerId = "", Epoch = 0 }, (await agent.GetSiteAsync()).Leadership);
    }

    [Fact]
    public async Task A_caller_that_is_no_controller_may_not_claim_a_controllers_id_S5()
    {
        // The standalone agent's own admin token proves an administrator, not a controller.
        await using var agent = await AgentProcess.StartAsync();

        var claimed = await Assert.ThrowsAsync<RpcException>(() => agent.GetSiteAsync(new FencingToken("controller-a", 0)));

        Assert.Equal(StatusCode.PermissionDenied, claimed.StatusCode);
        Assert.Contains("may not claim controller 'controller-a'", claimed.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("controller-0", (await agent.ShowHostAsync("controller-0")).Hostname);
    }
}
