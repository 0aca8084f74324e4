using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Access;

/// <summary><c>dcctl token list</c>: every admin token with its role and state, never a secret (S-7).</summary>
public sealed class TokenListCommand() : ControllerCommand("list", "List the admin tokens: role, state, created, expires, revoked.")
{
    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var response = await controller.CallAsync((c, o) => c.ListTokensAsync(new ListTokensRequest(), o), cancellationToken);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteAsync(AccessTables.Tokens(response.Tokens).ToString());
        }
        else
        {
            await output.WriteDocumentAsync(AccessTables.Documents(response.Tokens, AccessTables.Document));
        }

        return ExitCodes.Success;
    }
}
