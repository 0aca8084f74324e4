using System.CommandLine;
using System.Text.Json;
using DistributedCloud.Cli.Output;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Errors;
using Spectre.Console;

namespace DistributedCloud.Cli.Commands.Bootstrap;

/// <summary>
/// <c>dcctl bootstrap render FILE --out DIR</c>: writes the site's derived Kubernetes, Calico and host network files
/// and prints the derived Kubernetes settings.
/// </summary>
public sealed class BootstrapRenderCommand : Command
{
    private readonly Argument<string> _file = new("FILE") { Description = "The site's bootstrap file (YAML)." };

    private readonly Option<string> _out = new("--out")
    {
        Description = "Folder to write the rendered files into (created when missing).",
        Required = true,
    };

    public BootstrapRenderCommand()
        : base("render", "Render a bootstrap file's Kubernetes, Calico and host network configuration into a folder.")
    {
        Arguments.Add(_file);
        Options.Add(_out);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        var output = new CommandOutput(parseResult);
        var outDir = parseResult.GetValue(_out)!;
        var result = BootstrapPlanner.Plan(InputFiles.ReadText(parseResult.GetValue(_file)!, "bootstrap file"));
        BootstrapRendering rendering;
        try
        {
            rendering = result.IsValid ? BootstrapRendering.Of(result.Plan!) : throw new DomainException(result.Errors);
        }
        catch (DomainException ex)
        {
            if (output.IsJson)
            {
                output.WriteJson(new InvalidPlanJson(false, ex.Errors.Select(ErrorJson.From).ToArray(), result.Warnings));
            }
            else
            {
                output.Message($"Nothing was rendered: the bootstrap file has {ex.Errors.Count} problem(s):");
                output.WriteErrors(ex.Errors);
            }

            return ExitCodes.Refused;
        }

        var plan = result.Plan!;
        var files = new List<string>();
        try
        {
            foreach (var document in rendering.Documents)
            {
                ArtifactWriter.Write(outDir, document.Name, document.Content);
                files.Add(document.Name);
            }

            const string planFile = "site/plan.json";
            ArtifactWriter.Write(outDir, planFile, JsonSerializer.Serialize(SitePlanJson.From(plan), CommandOutput.Json) + "\n");
            files.Add(planFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write into '{outDir}': {ex.Message}");
        }

        var flags = rendering.Kubernetes.Flags
            .GroupBy(f => f.Component)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.ToDictionary(f => f.Name, f => f.Value));
        var warnings = result.Warnings.Concat(rendering.Kubernetes.Warnings).ToArray();
        if (output.IsJson)
        {
            output.WriteJson(new RenderJson(true, outDir, plan.PrimaryFamily.ToString(), plan.KubernetesDualStack, files, flags, warnings));
            return ExitCodes.Success;
        }

        BootstrapValidateCommand.WriteSummary(output, plan);
        var table = new Table().Border(TableBorder.Ascii).AddColumns("component", "setting", "value");
        foreach (var flag in rendering.Kubernetes.Flags)
        {
            table.AddRow(flag.Component, Markup.Escape(flag.Name), Markup.Escape(flag.Value));
        }

        output.Write(table);
        output.WriteLine($"wrote {files.Count} files under {outDir}:");
        foreach (var file in files)
        {
            output.WriteLine($"  {file}");
        }

        foreach (var warning in warnings)
        {
            output.Message($"warning: {warning}");
        }

        return ExitCodes.Success;
    }
}
