using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;
using Google.Protobuf.WellKnownTypes;

namespace DistributedCloud.Cli.Commands.Access;

/// <summary>
/// <c>dcctl token create NAME --role reader|operator|admin [--expires DURATION]</c> (S-7): the token is printed this
/// once; the controller keeps only its hash.
/// </summary>
public sealed class TokenCreateCommand : ControllerCommand
{
    public const string ShownOnce =
        "dcctl: this is the only time the token is shown: store it now in a safe place (the controller keeps only its hash and cannot show it again)";

    private readonly Argument<string> _name = new("NAME") { Description = "The token's name: 1 to 64 characters of a-z, 0-9, '.', '_' and '-' (S-7)." };
    private readonly Option<string?> _role = new("--role") { Description = "reader, operator or admin (S-7)." };
    private readonly Option<string?> _expires = new("--expires") { Description = "How long the token is valid, e.g. 12h, 30d (default: until revoked)." };

    public TokenCreateCommand()
        : base("create", "Create an admin token with a role; the token is printed once.")
    {
        Arguments.Add(_name);
        Options.Add(_role);
        Options.Add(_expires);
        Validators.Add(result =>
        {
            var problems = new List<string>();
            OptionChecks.Required(result, _role, problems);
            OptionChecks.Choice(result, _role, [.. AccessText.Roles], problems);
            if (OptionChecks.Text(result, _expires) is { } expires && (!DurationText.TryParse(expires, out var lifetime) || lifetime <= TimeSpan.Zero))
            {
                problems.Add($"--expires '{expires}' is not a positive duration; give e.g. 12h or 30d");
            }

            OptionChecks.Report(result, problems);
        });
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new CreateTokenRequest { Name = parseResult.GetValue(_name)!, Role = AccessText.ParseRole(parseResult.GetValue(_role)) };
        if (parseResult.GetValue(_expires) is { } expires && DurationText.TryParse(expires, out var lifetime))
        {
            request.ExpiresIn = Duration.FromTimeSpan(lifetime);
        }

        var created = await controller.CallAsync((c, o) => c.CreateTokenAsync(request, o), cancellationToken);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteAsync(AccessTables.Created(created).ToString());
        }
        else
        {
            await output.WriteDocumentAsync(AccessTables.Document(created));
        }

        output.Message(ShownOnce);
        return ExitCodes.Success;
    }
}
