namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>The endpoints whose sync status the controller audits (D-7).</summary>
public static class SyncEndpoints
{
    public const string PlatformNetwork = "platform-network";
    public const string Hosts = "hosts";
    public const string Kubernetes = "kubernetes";

    public static IReadOnlyList<string> All { get; } = [PlatformNetwork, Hosts, Kubernetes];
}
