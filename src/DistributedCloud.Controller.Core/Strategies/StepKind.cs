namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>What a strategy step does on the subcloud's agent.</summary>
public enum StepKind
{
    /// <summary>Creates the secondary pool (ApplyNetworkChange: add_address_pool).</summary>
    AddPool,

    /// <summary>Attaches it to its network (ApplyNetworkChange: assign_network_address_pool).</summary>
    AssignPool,

    /// <summary>Detaches a network's secondary pool (ApplyNetworkChange: remove_network_address_pool).</summary>
    RemovePool,

    /// <summary>Deletes the detached pool (ApplyNetworkChange: delete_address_pool).</summary>
    DeletePool,

    LockHost,
    UnlockHost,
    SwactHost,
}
