using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;
using Google.Protobuf.WellKnownTypes;

namespace DistributedCloud.Cli.Commands.Access;

/// <summary>
/// <c>dcctl audit list [--since DURATION|TIME] [--identity I] [--subcloud S] [--limit N]</c> (S-8): the newest events
/// first. <c>--subcloud</c> is the global option; here it selects the events on that subcloud.
/// </summary>
public sealed class AuditListCommand : ControllerCommand
{
    public const int MaxLimit = 1000;

    private readonly Option<string?> _since = new("--since") { Description = $"Only events from then on: {SinceText.Forms}." };
    private readonly Option<string?> _identity = new("--identity") { Description = "Only the events of this identity (a token's name, a certificate's subject)." };
    private readonly Option<int?> _limit = new("--limit") { Description = $"At most this many events (1..{MaxLimit}; default 100)." };
    private readonly TimeProvider _time;

    public AuditListCommand()
        : this(TimeProvider.System)
    {
    }

    public AuditListCommand(TimeProvider time)
        : base("list", "List the audit log, newest first; --subcloud S lists the events on subcloud S.")
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Options.Add(_since);
        Options.Add(_identity);
        Options.Add(_limit);
        Validators.Add(result =>
        {
            var problems = new List<string>();
            if (OptionChecks.Text(result, _since) is { } since && !SinceText.TryParse(since, _time.GetUtcNow(), out _))
            {
                problems.Add($"--since '{since}' is not {SinceText.Forms}");
            }

            if (OptionChecks.Integer(result, _limit) is { } limit && limit is < 1 or > MaxLimit)
            {
                problems.Add($"--limit {limit} is out of range; give 1..{MaxLimit}");
            }

            OptionChecks.Report(result, problems);
        });
    }

    /// <summary>The request the options make (times resolved against <paramref name="now"/>).</summary>
    public ListAuditEventsRequest Request(ParseResult parseResult, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var request = new ListAuditEventsRequest
        {
            Identity = parseResult.GetValue(_identity)?.Trim() ?? string.Empty,
            Target = parseResult.GetValue(GlobalOptions.Subcloud)?.Trim() ?? string.Empty,
            Limit = parseResult.GetValue(_limit) ?? 0,
        };
        if (SinceText.TryParse(parseResult.GetValue(_since), now, out var since))
        {
            request.Since = Timestamp.FromDateTimeOffset(since);
        }

        return request;
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = Request(parseResult, _time.GetUtcNow());
        var response = await controller.CallAsync((c, o) => c.ListAuditEventsAsync(request, o), cancellationToken);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteAsync(AccessTables.Events(response.Events).ToString());
        }
        else
        {
            await output.WriteDocumentAsync(AccessTables.Documents(response.Events, AccessTables.Document));
        }

        return ExitCodes.Success;
    }
}
