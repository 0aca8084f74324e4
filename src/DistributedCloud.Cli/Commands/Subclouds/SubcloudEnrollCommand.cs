using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary>
/// <c>dcctl subcloud enroll NAME [--token-expires D]</c> (S-2): a new one-time join token for the subcloud's agent,
/// printed with the CA fingerprint and the agent's settings like <c>subcloud add</c>. For an agent that was never
/// enrolled, was revoked, or whose certificate expired: restart it with the new token.
/// </summary>
public sealed class SubcloudEnrollCommand : ControllerCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The subcloud's name." };
    private readonly Option<string?> _tokenExpires = TokenExpiresOption.Create();

    public SubcloudEnrollCommand()
        : base("enroll", "Make a new join token for a subcloud's agent (re-enrollment); prints it with the agent's settings.")
    {
        Arguments.Add(_name);
        Options.Add(_tokenExpires);
        Validators.Add(result =>
        {
            var problems = new List<string>();
            TokenExpiresOption.Check(result, _tokenExpires, problems);
            OptionChecks.Report(result, problems);
        });
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new EnrollSubcloudRequest { Name = parseResult.GetValue(_name)!, TokenExpires = TokenExpiresOption.Value(parseResult, _tokenExpires) };
        var subcloud = await controller.CallAsync((c, o) => c.EnrollSubcloudAsync(request, o), cancellationToken);
        await EnrollmentOutput.WriteAsync(output, subcloud);
        return ExitCodes.Success;
    }
}
