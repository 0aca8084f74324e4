namespace DistributedCloud.Site.Hosts;

/// <summary>H-1: whether an operator has taken the host out of service.</summary>
public enum AdministrativeState
{
    Locked,
    Unlocked,
}
