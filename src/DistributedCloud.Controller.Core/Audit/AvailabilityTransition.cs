namespace DistributedCloud.Controller.Core.Audit;

/// <summary>How an audit moved a subcloud's availability (D-6).</summary>
public enum AvailabilityTransition
{
    None,
    WentOffline,
    CameOnline,
}
