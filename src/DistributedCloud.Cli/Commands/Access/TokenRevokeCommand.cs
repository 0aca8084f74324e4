using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Access;

/// <summary><c>dcctl token revoke NAME</c>: the token stops working at once (S-7).</summary>
public sealed class TokenRevokeCommand : ControllerCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The token's name." };

    public TokenRevokeCommand()
        : base("revoke", "Revoke an admin token: it is refused from now on.")
    {
        Arguments.Add(_name);
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var revoked = await controller.CallAsync((c, o) => c.RevokeTokenAsync(new RevokeTokenRequest { Name = parseResult.GetValue(_name)! }, o), cancellationToken);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteLineAsync($"Revoked token: {revoked.Name}");
        }
        else
        {
            await output.WriteDocumentAsync(AccessTables.Document(revoked));
        }

        return ExitCodes.Success;
    }
}
