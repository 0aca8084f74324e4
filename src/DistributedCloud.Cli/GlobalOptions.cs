using System.CommandLine;
using DistributedCloud.Cli.Output;

namespace DistributedCloud.Cli;

/// <summary>Options every command accepts (cli.md "Global options").</summary>
public static class GlobalOptions
{
    public static readonly Option<string> Output = CreateOutput();

    public static readonly Option<string?> Controller = new("--controller")
    {
        Description = "The system controller's admin endpoint (also DCCTL_CONTROLLER).",
        Recursive = true,
    };

    public static readonly Option<string?> Agent = new("--agent")
    {
        Description = "Talk straight to one subcloud agent instead of the controller (also DCCTL_AGENT).",
        Recursive = true,
    };

    public static readonly Option<string?> Subcloud = new("--subcloud")
    {
        Description = "Run a platform command on this subcloud, through the controller.",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "An admin token (also DCCTL_TOKEN, or the configuration's token).",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "A dcctl configuration: server, CA, credentials (also DCCTL_CONFIG; default ~/.config/dcctl/config.yaml).",
        Recursive = true,
    };

    public static OutputFormat GetOutput(ParseResult result) =>
        result.GetValue(Output) switch
        {
            "json" => OutputFormat.Json,
            "yaml" => OutputFormat.Yaml,
            _ => OutputFormat.Table,
        };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Output);
        root.Options.Add(Controller);
        root.Options.Add(Agent);
        root.Options.Add(Subcloud);
        root.Options.Add(Token);
        root.Options.Add(Config);
    }

    private static Option<string> CreateOutput()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: table, json or yaml. With json, stdout carries data only.",
            DefaultValueFactory = _ => "table",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("table", "json", "yaml");
        return option;
    }
}
