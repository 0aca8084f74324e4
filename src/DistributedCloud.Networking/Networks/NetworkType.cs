namespace DistributedCloud.Networking.Networks;

/// <summary>The platform network types (N-13). The last two exist only on a system controller.</summary>
public enum NetworkType
{
    Mgmt,
    Pxeboot,
    Oam,
    Multicast,
    ClusterHost,
    ClusterPod,
    ClusterService,
    Storage,
    Admin,
    SystemController,
    SystemControllerOam,
}
