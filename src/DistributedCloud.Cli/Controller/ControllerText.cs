using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Controller;

/// <summary>How the controller's values read in tables and JSON: the operator's words, never enum names.</summary>
public static class ControllerText
{
    public static string Management(ManagementState state) => state switch
    {
        ManagementState.Managed => "managed",
        ManagementState.Unmanaged => "unmanaged",
        _ => "unknown",
    };

    public static string Availability(SubcloudAvailability availability) => availability switch
    {
        SubcloudAvailability.Online => "online",
        SubcloudAvailability.Offline => "offline",
        _ => "unknown",
    };

    public static string Sync(SyncStatus status) => status switch
    {
        SyncStatus.InSync => "in-sync",
        SyncStatus.OutOfSync => "out-of-sync",
        _ => "unknown",
    };

    /// <summary>A single-stack site names its one family (cli.md: single-stack IPv4|IPv6 / dual-stack).</summary>
    public static string NetworkMode(NetworkMode mode, AddressFamily primary) => mode switch
    {
        Contracts.Controller.V1.NetworkMode.DualStack => "dual-stack",
        Contracts.Controller.V1.NetworkMode.SingleStack => $"single-stack {Platform.PlatformText.Family(primary)}",
        _ => "unknown",
    };

    public static string SystemMode(SystemMode mode) => mode switch
    {
        Contracts.Agent.V1.SystemMode.Simplex => "simplex",
        Contracts.Agent.V1.SystemMode.Duplex => "duplex",
        Contracts.Agent.V1.SystemMode.DuplexDirect => "duplex-direct",
        Contracts.Agent.V1.SystemMode.Standard => "standard",
        _ => "unknown",
    };

    public static string ApplyType(ApplyType type) => type switch
    {
        Contracts.Controller.V1.ApplyType.Serial => "serial",
        Contracts.Controller.V1.ApplyType.Parallel => "parallel",
        _ => "unknown",
    };

    public static ApplyType ParseApplyType(string? text) => text switch
    {
        "serial" => Contracts.Controller.V1.ApplyType.Serial,
        "parallel" => Contracts.Controller.V1.ApplyType.Parallel,
        _ => Contracts.Controller.V1.ApplyType.Unspecified,
    };

    public static string StrategyType(StrategyType type) => type == Contracts.Controller.V1.StrategyType.NetworkMode ? "network-mode" : "unknown";

    public static string StrategyState(StrategyState state) => state switch
    {
        Contracts.Controller.V1.StrategyState.Initial => "initial",
        Contracts.Controller.V1.StrategyState.Applying => "applying",
        Contracts.Controller.V1.StrategyState.Complete => "complete",
        Contracts.Controller.V1.StrategyState.Failed => "failed",
        Contracts.Controller.V1.StrategyState.Aborting => "aborting",
        Contracts.Controller.V1.StrategyState.Aborted => "aborted",
        _ => "unknown",
    };

    public static string StepState(StepState state) => state switch
    {
        Contracts.Controller.V1.StepState.Pending => "pending",
        Contracts.Controller.V1.StepState.Running => "running",
        Contracts.Controller.V1.StepState.Succeeded => "succeeded",
        Contracts.Controller.V1.StepState.Failed => "failed",
        Contracts.Controller.V1.StepState.Paused => "paused",
        Contracts.Controller.V1.StepState.Aborted => "aborted",
        _ => "unknown",
    };

    /// <summary>The end states of an applied strategy: complete, failed, aborted (D-11).</summary>
    public static bool HasEnded(StrategyState state) =>
        state is Contracts.Controller.V1.StrategyState.Complete or Contracts.Controller.V1.StrategyState.Failed or Contracts.Controller.V1.StrategyState.Aborted;
}
