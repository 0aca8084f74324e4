using System.CommandLine;

namespace DistributedCloud.Cli.Commands.Bootstrap;

/// <summary><c>dcctl bootstrap ...</c>: site-local commands on bootstrap files (no server needed).</summary>
public sealed class BootstrapCommand : Command
{
    public BootstrapCommand()
        : base("bootstrap", "Validate and render a site's bootstrap file (no server needed).")
    {
        Subcommands.Add(new BootstrapValidateCommand());
        Subcommands.Add(new BootstrapRenderCommand());
    }
}
