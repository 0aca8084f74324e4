using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl host-lock HOST [--force] [--no-wait]</c></summary>
public sealed class HostLockCommand() : HostActionCommand("host-lock", "Lock a host: take it out of service (the active controller cannot be locked, H-3).", HostAction.Lock);
