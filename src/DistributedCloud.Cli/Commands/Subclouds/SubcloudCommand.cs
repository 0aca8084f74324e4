using System.CommandLine;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud add|list|show|manage|unmanage|delete</c> (D-1..D-4).</summary>
public sealed class SubcloudCommand : Command
{
    public SubcloudCommand()
        : base("subcloud", "Subclouds registered with the system controller: add, list, show, manage, unmanage, delete.")
    {
        Subcommands.Add(new SubcloudAddCommand());
        Subcommands.Add(new SubcloudListCommand());
        Subcommands.Add(new SubcloudShowCommand());
        Subcommands.Add(new SubcloudManageCommand());
        Subcommands.Add(new SubcloudUnmanageCommand());
        Subcommands.Add(new SubcloudDeleteCommand());
    }
}
