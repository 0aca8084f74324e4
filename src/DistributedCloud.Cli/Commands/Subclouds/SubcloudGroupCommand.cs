using System.CommandLine;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud-group add|list|show|update|delete</c> (D-10).</summary>
public sealed class SubcloudGroupCommand : Command
{
    public SubcloudGroupCommand()
        : base("subcloud-group", "Subcloud groups: how strategies roll out to their subclouds (D-10).")
    {
        Subcommands.Add(new SubcloudGroupAddCommand());
        Subcommands.Add(new SubcloudGroupListCommand());
        Subcommands.Add(new SubcloudGroupShowCommand());
        Subcommands.Add(new SubcloudGroupUpdateCommand());
        Subcommands.Add(new SubcloudGroupDeleteCommand());
    }
}
