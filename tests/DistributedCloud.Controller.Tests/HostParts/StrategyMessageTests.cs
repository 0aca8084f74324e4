using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Service;
using DistributedCloud.Controller.Tests.Support;

namespace DistributedCloud.Controller.Tests.HostParts;

/// <summary>The strategy as the admin API sends it: the plan is the steps, whatever the detail asked for (D-12).</summary>
public sealed class StrategyMessageTests
{
    private static Strategy Planned()
    {
        var dual = Fleet.Ready(Fleet.Admit("c-dual", Fleet.Ipv6DualStack(3), Fleet.Agent6(3)));
        var single = Fleet.Ready(Fleet.Admit("d-ready", Fleet.Ipv6(4, "duplex"), Fleet.Agent6(4)));
        var parameters = new StrategyParameters(NetworkModeTarget.DualStack, SecondarySubnets: SecondarySubnets.Parse(Fleet.SecondarySubnetsYaml));
        return NetworkModePlanner.Create(Guid.NewGuid(), parameters, [dual, single], Fleet.Groups, Fleet.Start);
    }

    [Fact]
    public void Without_details_the_steps_are_sent_numbered_from_1_and_the_skipped_subclouds_with_their_reasons_D12()
    {
        // Regression: without details the steps were left out, so `dcctl strategy show` printed a plan with no steps;
        // the wire counted from 0 while dcctl and its progress lines count from 1; the skipped subclouds were not sent.
        var strategy = Planned();
        var message = ControllerMapper.ToMessage(strategy, details: false);

        var plan = Assert.Single(message.Subclouds);
        Assert.Equal(strategy.Subclouds[0].Steps.Select(s => s.Name), plan.Steps.Select(s => s.Name));
        Assert.Equal(Enumerable.Range(1, plan.Steps.Count), plan.Steps.Select(s => s.Index));
        Assert.All(plan.Steps, s => Assert.Equal(string.Empty, s.OperationId));
        var skipped = Assert.Single(message.Skipped);
        Assert.Equal("c-dual", skipped.Subcloud);
        Assert.StartsWith("already dual-stack", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Details_add_each_steps_operation_id_D18()
    {
        var strategy = Planned();
        var plan = Assert.Single(ControllerMapper.ToMessage(strategy, details: true).Subclouds);
        Assert.Equal(strategy.Subclouds[0].Steps.Select(s => s.OperationId), plan.Steps.Select(s => s.OperationId));
    }
}
