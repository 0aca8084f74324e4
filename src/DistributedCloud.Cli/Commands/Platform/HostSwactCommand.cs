using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl host-swact HOST [--force] [--no-wait]</c></summary>
public sealed class HostSwactCommand() : HostActionCommand("host-swact", "Move activity away from this controller to its peer (H-9..H-12).", HostAction.Swact);
