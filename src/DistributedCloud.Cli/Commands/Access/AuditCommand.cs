using System.CommandLine;

namespace DistributedCloud.Cli.Commands.Access;

/// <summary><c>dcctl audit list</c>: the controller's audit log (S-8; admin only).</summary>
public sealed class AuditCommand : Command
{
    public AuditCommand()
        : base("audit", "The system controller's audit log: every mutating and every refused call. Needs the admin role.")
    {
        Subcommands.Add(new AuditListCommand());
    }
}
