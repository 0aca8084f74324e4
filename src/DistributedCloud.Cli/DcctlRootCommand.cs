using System.CommandLine;
using DistributedCloud.Cli.Commands.Access;
using DistributedCloud.Cli.Commands.Bootstrap;
using DistributedCloud.Cli.Commands.Kubernetes;
using DistributedCloud.Cli.Commands.Platform;
using DistributedCloud.Cli.Commands.Strategies;
using DistributedCloud.Cli.Commands.Subclouds;

namespace DistributedCloud.Cli;

/// <summary>The command tree of dcctl.</summary>
public sealed class DcctlRootCommand : RootCommand
{
    public DcctlRootCommand()
        : base("dcctl: administer a DistributedCloud system controller, its subclouds and their sites.")
    {
        GlobalOptions.AddTo(this);
        Subcommands.Add(new BootstrapCommand());
        Subcommands.Add(new KubernetesCommand());

        // Platform commands: the reference platform's `system` commands, verbatim (cli.md).
        Command[] platform =
        [
            new NetworkListCommand(), new NetworkAddrpoolListCommand(), new NetworkAddrpoolAssignCommand(), new NetworkAddrpoolRemoveCommand(),
            new AddrpoolListCommand(), new AddrpoolShowCommand(), new AddrpoolAddCommand(), new AddrpoolModifyCommand(), new AddrpoolDeleteCommand(),
            new HostListCommand(), new HostShowCommand(), new HostLockCommand(), new HostUnlockCommand(), new HostSwactCommand(),
            new AlarmListCommand(),
        ];
        foreach (var command in platform)
        {
            Subcommands.Add(command);
        }

        // Distributed-cloud commands: answered by the system controller only (cli.md).
        Subcommands.Add(new Commands.Systems.ShowCommand());
        Subcommands.Add(new SubcloudCommand());
        Subcommands.Add(new SubcloudGroupCommand());
        Subcommands.Add(new StrategyCommand());

        // Access (S-7, S-8): admin tokens and the audit log, answered by the system controller.
        Subcommands.Add(new TokenCommand());
        Subcommands.Add(new AuditCommand());
    }
}
