using System.CommandLine;
using DistributedCloud.Cli.Commands.Bootstrap;
using DistributedCloud.Cli.Commands.Kubernetes;

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
    }
}
