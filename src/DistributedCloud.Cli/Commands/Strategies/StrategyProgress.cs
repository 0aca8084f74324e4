using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;
using Spectre.Console;
using Spectre.Console.Rendering;
using DistributedCloud.Cli.Controller;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary>
/// The progress of an applied strategy: a live Spectre.Console view when stdout is a terminal showing a table,
/// otherwise one line on stderr per change, so stdout keeps only the data for scripts and <c>-o json</c>.
/// </summary>
public static class StrategyProgress
{
    /// <summary>
    /// <c>applying, 3 subclouds: 1 done, ...; subcloud2: step 2/5 lock controller-1; subcloud3: paused at step 1/4 ...</c>
    /// </summary>
    public static string Line(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var active = strategy.Subclouds
            .Where(p => p.State is StepState.Running or StepState.Paused)
            .Select(p => $"{p.Subcloud}: {(p.State == StepState.Paused ? "paused at " : string.Empty)}{CurrentStep(p) ?? "starting"}");
        return string.Join("; ", active.Prepend($"{ControllerText.StrategyState(strategy.State)}, {StrategyCounts.Of(strategy)}"));
    }

    /// <summary>The step a subcloud is on: the running or paused one, else the next pending one (<c>step 2/5 lock controller-1</c>).</summary>
    public static string? CurrentStep(SubcloudPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var steps = plan.Steps.OrderBy(s => s.Index).ToList();
        var position = steps.FindIndex(s => s.State is StepState.Running or StepState.Paused);
        if (position < 0)
        {
            position = steps.FindIndex(s => s.State is StepState.Pending or StepState.Unspecified);
        }

        return position < 0 ? null : $"step {position + 1}/{steps.Count} {steps[position].Name}";
    }

    /// <summary>The live view: one row per subcloud with its state and current step, the summary line under it.</summary>
    public static IRenderable View(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("subcloud").AddColumn("state").AddColumn("current step");
        foreach (var plan in strategy.Subclouds)
        {
            var state = ControllerText.StepState(plan.State);
            var colour = plan.State switch
            {
                StepState.Succeeded => "green",
                StepState.Failed or StepState.Aborted => "red",
                StepState.Running => "blue",
                StepState.Paused => "yellow",
                _ => "grey",
            };
            table.AddRow(Markup.Escape(plan.Subcloud), $"[{colour}]{Markup.Escape(state)}[/]", Markup.Escape(CurrentStep(plan) ?? "-"));
        }

        return new Rows(table, new Text(StrategyView.Summary(strategy)));
    }

    /// <summary>
    /// Runs <paramref name="follow"/>, which reports each new strategy through the callback it is given, showing the
    /// progress live or as lines; returns what <paramref name="follow"/> returns.
    /// </summary>
    public static async Task<Strategy> ShowAsync(CommandOutput output, Strategy initial, Func<Action<Strategy>, Task<Strategy>> follow)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(follow);
        if (IsLiveTerminal(output))
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            Strategy? last = null;
            await console.Live(View(initial)).StartAsync(async context =>
            {
                last = await follow(strategy =>
                {
                    context.UpdateTarget(View(strategy));
                    context.Refresh();
                });
            });
            return last!;
        }

        string? shown = null;
        void Report(Strategy strategy)
        {
            var line = Line(strategy);
            if (line != shown)
            {
                output.Message(line);
                shown = line;
            }
        }

        Report(initial);
        return await follow(Report);
    }

    /// <summary>Live only for a person watching a table on a terminal: never into a pipe, a file or JSON.</summary>
    private static bool IsLiveTerminal(CommandOutput output) =>
        output.Format == OutputFormat.Table && ReferenceEquals(output.Out, Console.Out) && !Console.IsOutputRedirected;
}
