namespace DistributedCloud.Site.Hosts;

/// <summary>The host actions of the platform commands host-lock, host-unlock and host-swact.</summary>
public enum HostAction
{
    Lock,
    Unlock,
    Swact,
}
