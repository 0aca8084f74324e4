namespace DistributedCloud.Controller.Core.Audit;

/// <summary>The audits, each on its own clock (D-9).</summary>
public enum AuditKind
{
    /// <summary>Is the agent reachable (D-6)?</summary>
    Availability,

    /// <summary>Does the agent's site match what the controller expects (D-7)?</summary>
    Sync,
}
