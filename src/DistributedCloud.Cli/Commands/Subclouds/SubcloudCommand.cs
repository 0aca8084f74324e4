using System.CommandLine;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud add|list|show|manage|unmanage|delete|enroll|revoke|access</c> (D-1..D-4, S-2, S-3, S-5a).</summary>
public sealed class SubcloudCommand : Command
{
    public SubcloudCommand()
        : base("subcloud", "Subclouds registered with the system controller: add, list, show, manage, unmanage, delete, enroll, revoke, access.")
    {
        Subcommands.Add(new SubcloudAddCommand());
        Subcommands.Add(new SubcloudListCommand());
        Subcommands.Add(new SubcloudShowCommand());
        Subcommands.Add(new SubcloudManageCommand());
        Subcommands.Add(new SubcloudUnmanageCommand());
        Subcommands.Add(new SubcloudDeleteCommand());
        Subcommands.Add(new SubcloudEnrollCommand());
        Subcommands.Add(new SubcloudRevokeCommand());
        Subcommands.Add(new SubcloudAccessCommand());
    }
}
