namespace DistributedCloud.Site.Hosts;

/// <summary>H-1: whether the host runs its services.</summary>
public enum OperationalState
{
    Enabled,
    Disabled,
}
