using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl host-unlock HOST [--force] [--no-wait]</c></summary>
public sealed class HostUnlockCommand() : HostActionCommand("host-unlock", "Unlock a host: apply its configuration and bring it into service (H-8).", HostAction.Unlock);
