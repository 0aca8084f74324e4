using DistributedCloud.Controller.Core.Subclouds;

namespace DistributedCloud.Controller.Tests.Subclouds;

/// <summary>D-7: the overall sync status.</summary>
public sealed class EndpointSyncStatusTests
{
    [Theory]
    [InlineData(SyncStatus.InSync, SyncStatus.InSync, SyncStatus.InSync, SyncStatus.InSync)]
    [InlineData(SyncStatus.InSync, SyncStatus.Unknown, SyncStatus.InSync, SyncStatus.Unknown)]
    [InlineData(SyncStatus.OutOfSync, SyncStatus.Unknown, SyncStatus.InSync, SyncStatus.OutOfSync)]
    [InlineData(SyncStatus.Unknown, SyncStatus.Unknown, SyncStatus.Unknown, SyncStatus.Unknown)]
    [InlineData(SyncStatus.InSync, SyncStatus.InSync, SyncStatus.OutOfSync, SyncStatus.OutOfSync)]
    public void D7_overall_is_out_of_sync_if_any_endpoint_is_else_unknown_if_any_is_else_in_sync(SyncStatus network, SyncStatus hosts, SyncStatus kubernetes, SyncStatus overall)
    {
        var status = EndpointSyncStatus.From(
        [
            KeyValuePair.Create(SyncEndpoints.PlatformNetwork, network),
            KeyValuePair.Create(SyncEndpoints.Hosts, hosts),
            KeyValuePair.Create(SyncEndpoints.Kubernetes, kubernetes),
        ]);
        Assert.Equal(overall, status.Overall);
    }

    [Fact]
    public void D7_an_unknown_endpoint_never_makes_the_overall_status_out_of_sync()
    {
        var status = EndpointSyncStatus.AllUnknown.With(SyncEndpoints.PlatformNetwork, SyncStatus.InSync).With(SyncEndpoints.Hosts, SyncStatus.InSync);
        Assert.Equal(SyncStatus.Unknown, status.Overall);
        Assert.NotEqual(SyncStatus.OutOfSync, status.Overall);
    }

    [Fact]
    public void The_stored_text_reads_back_the_same()
    {
        var status = EndpointSyncStatus.AllUnknown.With(SyncEndpoints.Kubernetes, SyncStatus.OutOfSync);
        Assert.Equal(status, EndpointSyncStatus.Parse(status.ToText()));
        Assert.Equal("hosts=unknown;kubernetes=out-of-sync;platform-network=unknown", status.ToText());
    }
}
