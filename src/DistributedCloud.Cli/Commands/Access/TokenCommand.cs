using System.CommandLine;

namespace DistributedCloud.Cli.Commands.Access;

/// <summary><c>dcctl token create|list|revoke</c>: the controller's admin tokens (S-6, S-7; admin only).</summary>
public sealed class TokenCommand : Command
{
    public TokenCommand()
        : base("token", "Admin tokens of the system controller: create (shown once), list, revoke. Needs the admin role.")
    {
        Subcommands.Add(new TokenCreateCommand());
        Subcommands.Add(new TokenListCommand());
        Subcommands.Add(new TokenRevokeCommand());
    }
}
