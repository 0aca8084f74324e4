using System.Text.Json.Nodes;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;
using static DistributedCloud.Cli.Controller.ControllerText;
using static DistributedCloud.Cli.Platform.PlatformText;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary>
/// A strategy as <c>strategy show</c> prints it: its settings, then per subcloud its ordered steps with their states
/// (the plan before apply, D-12; the progress during it), the notices, the targeted subclouds that are not eligible
/// with the reason, and a summary line. <c>--details</c> adds each step's operation id, times and message.
/// </summary>
public static class StrategyView
{
    public static BoxTable Settings(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return BoxTable.Properties([
            ("type", StrategyType(strategy.Type)), ("state", StrategyState(strategy.State)),
            ("subcloud apply type", ApplyType(strategy.SubcloudApplyType)), ("max parallel subclouds", Number(strategy.MaxParallelSubclouds)),
            ("stop on failure", Bool(strategy.StopOnFailure)), ("created", Timestamp(strategy.CreatedAt)), ("updated", Timestamp(strategy.UpdatedAt)),
            ("error", Optional(strategy.Error)),
        ]);
    }

    /// <summary>One row per step, in order, under its subcloud; a subcloud without steps gets one row.</summary>
    public static BoxTable Steps(Strategy strategy, bool details)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        string[] columns = details
            ? ["subcloud", "subcloud state", "#", "step", "state", "operation", "started", "finished", "message"]
            : ["subcloud", "subcloud state", "#", "step", "state"];
        var table = new BoxTable(columns);
        foreach (var plan in strategy.Subclouds)
        {
            var subcloudState = StepState(plan.State);
            if (plan.Steps.Count == 0)
            {
                table.Add([plan.Subcloud, subcloudState, .. Enumerable.Repeat<string?>(null, columns.Length - 2)]);
                continue;
            }

            foreach (var step in plan.Steps.OrderBy(s => s.Index))
            {
                string?[] cells = [plan.Subcloud, subcloudState, Number(step.Index), step.Name, StepState(step.State)];
                table.Add(details
                    ? [.. cells, Optional(step.OperationId), Timestamp(step.StartedAt), Timestamp(step.FinishedAt), Optional(step.Message)]
                    : cells);
            }
        }

        return table;
    }

    /// <summary><c>network-mode strategy applying, 3 subclouds: 1 done, ...</c></summary>
    public static string Summary(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return $"{StrategyType(strategy.Type)} strategy {StrategyState(strategy.State)}, {StrategyCounts.Of(strategy)}";
    }

    public static async Task WriteAsync(CommandOutput output, Strategy strategy, bool details)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(strategy);
        if (output.Format != OutputFormat.Table)
        {
            await output.WriteDocumentAsync(Document(strategy));
            return;
        }

        await output.Out.WriteAsync(Settings(strategy).ToString());
        await output.Out.WriteAsync(Steps(strategy, details).ToString());
        var notices = strategy.Subclouds.SelectMany(p => p.Notices.Select(n => (p.Subcloud, Notice: n))).ToList();
        if (notices.Count > 0)
        {
            var table = new BoxTable("subcloud", "notice");
            foreach (var (subcloud, notice) in notices)
            {
                table.Add(subcloud, notice);
            }

            await output.Out.WriteAsync(table.ToString());
        }

        if (strategy.Skipped.Count > 0)
        {
            var table = new BoxTable("subcloud", "not eligible");
            foreach (var skipped in strategy.Skipped)
            {
                table.Add(skipped.Subcloud, skipped.Reason);
            }

            await output.Out.WriteAsync(table.ToString());
        }

        await output.Out.WriteLineAsync(Summary(strategy));
    }

    /// <summary>The JSON/YAML form: the settings' keys, a summary object, the subclouds with their steps, and the targeted subclouds left out.</summary>
    public static JsonObject Document(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var document = new JsonObject();
        foreach (var row in Settings(strategy).Rows)
        {
            document[row[0]!] = row[1];
        }

        document["max parallel subclouds"] = strategy.MaxParallelSubclouds;
        document["stop on failure"] = strategy.StopOnFailure;
        var counts = StrategyCounts.Of(strategy);
        document["summary"] = new JsonObject
        {
            ["subclouds"] = counts.Subclouds, ["done"] = counts.Done, ["failed"] = counts.Failed, ["running"] = counts.Running,
            ["paused"] = counts.Paused, ["aborted"] = counts.Aborted, ["pending"] = counts.Pending,
        };
        var subclouds = new JsonArray();
        foreach (var plan in strategy.Subclouds)
        {
            var steps = new JsonArray();
            foreach (var step in plan.Steps.OrderBy(s => s.Index))
            {
                steps.Add(new JsonObject
                {
                    ["#"] = step.Index, ["step"] = step.Name, ["state"] = StepState(step.State), ["operation"] = Optional(step.OperationId),
                    ["started"] = Timestamp(step.StartedAt), ["finished"] = Timestamp(step.FinishedAt), ["message"] = Optional(step.Message),
                });
            }

            subclouds.Add(new JsonObject
            {
                ["subcloud"] = plan.Subcloud, ["state"] = StepState(plan.State), ["steps"] = steps,
                ["notices"] = new JsonArray([.. plan.Notices.Select(n => (JsonNode?)JsonValue.Create(n))]),
            });
        }

        document["subclouds"] = subclouds;
        document["skipped"] = new JsonArray([.. strategy.Skipped.Select(s => (JsonNode?)new JsonObject { ["subcloud"] = s.Subcloud, ["reason"] = s.Reason })]);
        return document;
    }

    /// <summary>Why a strategy did not complete: its error, then each failed or aborted step with its message.</summary>
    public static IReadOnlyList<string> FailureReasons(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var reasons = new List<string>();
        if (!string.IsNullOrEmpty(strategy.Error))
        {
            reasons.Add(strategy.Error);
        }

        foreach (var plan in strategy.Subclouds)
        {
            foreach (var step in plan.Steps.Where(s => s.State is Contracts.Controller.V1.StepState.Failed or Contracts.Controller.V1.StepState.Aborted))
            {
                reasons.Add($"{plan.Subcloud}: step {step.Index} '{step.Name}' {StepState(step.State)}{(string.IsNullOrEmpty(step.Message) ? string.Empty : $": {step.Message}")}");
            }
        }

        return reasons;
    }
}
