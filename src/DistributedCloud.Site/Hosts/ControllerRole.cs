namespace DistributedCloud.Site.Hosts;

/// <summary>H-1: a controller's activity; <see cref="None"/> for workers and storage hosts.</summary>
public enum ControllerRole
{
    None,
    Active,
    Standby,
}
