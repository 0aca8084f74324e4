namespace DistributedCloud.Site.Hosts;

/// <summary>H-1: what maintenance sees of the host.</summary>
public enum Availability
{
    Available,
    Online,
    Offline,
    Degraded,
    Failed,
    PowerOff,
}
