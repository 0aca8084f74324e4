using System.Globalization;

namespace DistributedCloud.Agent.Configuration;

/// <summary>
/// The agent's command line, turned into configuration keys of the "Agent" section so that flags, environment
/// variables and JSON files are one set of settings (flags win, then environment, then the --config file).
/// </summary>
public sealed class AgentCommandLine
{
    /// <summary>How many --listen entries a lower configuration source may hold that the command line masks.</summary>
    private const int ListenMask = 16;

    public const string Usage = """
        Usage: DistributedCloud.Agent --data-dir DIR --listen URL [--listen URL ...] [options]

        Serves distributedcloud.agent.v1.SubcloudAgent for the site kept in DIR.

          --bootstrap FILE        bootstrap YAML to create the site from on the first start; later
                                  starts must give the same file or none (Agent:Bootstrap)
          --data-dir DIR          the site's database, artifacts and leadership record (Agent:DataDirectory)
          --listen URL            gRPC endpoint, repeatable: http://[fd01::2]:50052, http://127.0.0.1:50052,
                                  https://... (TLS from Rpc:Server:Tls) (Agent:Listen:N)
          --http-listen URL       plain HTTP endpoint for /healthz, /readyz, /metrics (Agent:HttpListen)
          --host-driver NAME      simulated (default) or exec (Agent:HostDriver; exec: Agent:Exec:*)
          --action-delay DURATION how long a simulated host action takes, e.g. 5s (Agent:ActionDelay)
          --config FILE           a JSON settings file (the keys of appsettings.sample.json)
          --migrate               apply the schema migrations to DIR's database and exit
          --help                  this text

        Every setting can also come from the environment: Agent__DataDirectory, Agent__Listen__0, ...
        Exit codes: 0 stopped cleanly or migrated, 1 the site refused the start, 2 bad command line or settings.
        """;

    private static readonly Dictionary<string, string> ValueFlags = new(StringComparer.Ordinal)
    {
        ["--bootstrap"] = "Agent:Bootstrap",
        ["--data-dir"] = "Agent:DataDirectory",
        ["--http-listen"] = "Agent:HttpListen",
        ["--host-driver"] = "Agent:HostDriver",
        ["--action-delay"] = "Agent:ActionDelay",
    };

    private AgentCommandLine()
    {
    }

    /// <summary>The settings the flags give, as configuration keys.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? ConfigFile { get; private set; }

    public bool Migrate { get; private set; }

    public bool Help { get; private set; }

    public List<string> Errors { get; } = [];

    public static AgentCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var line = new AgentCommandLine();
        var listen = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inline = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            switch (arg)
            {
                case "--help" or "-h":
                    line.Help = true;
                    continue;
                case "--migrate":
                    line.Migrate = true;
                    continue;
            }

            var takesValue = ValueFlags.ContainsKey(arg) || arg is "--listen" or "--config";
            if (!takesValue)
            {
                line.Errors.Add($"'{args[i]}' is not an option of DistributedCloud.Agent; see --help.");
                continue;
            }

            var value = inline;
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    line.Errors.Add($"{arg} needs a value; see --help.");
                    continue;
                }

                value = args[++i];
            }

            switch (arg)
            {
                case "--listen":
                    listen.Add(value);
                    break;
                case "--config":
                    line.ConfigFile = value;
                    break;
                default:
                    if (line.Settings.ContainsKey(ValueFlags[arg]))
                    {
                        line.Errors.Add($"{arg} is given more than once; give it once.");
                    }

                    line.Settings[ValueFlags[arg]] = value;
                    break;
            }
        }

        if (listen.Count > 0)
        {
            // The command line's endpoints replace any from the environment or a file, rather than merging by index.
            for (var n = 0; n < Math.Max(listen.Count, ListenMask); n++)
            {
                line.Settings[$"Agent:Listen:{n.ToString(CultureInfo.InvariantCulture)}"] = n < listen.Count ? listen[n] : string.Empty;
            }
        }

        if (line.ConfigFile is { } file && !File.Exists(file))
        {
            line.Errors.Add($"--config '{file}' does not exist; give a JSON settings file (see deploy/agent/appsettings.sample.json) or leave it out.");
        }

        return line;
    }
}
