using System.Globalization;

namespace DistributedCloud.Site.Hosting.Configuration;

/// <summary>
/// The command line of a process that owns a site (the agent, the controller), turned into configuration keys of its
/// section so that flags, environment variables and JSON files are one set of settings (flags win, then environment,
/// then the --config file). Both take the same flags; the usage text is the host's own.
/// </summary>
public sealed class HostCommandLine
{
    /// <summary>How many --listen entries a lower configuration source may hold that the command line masks.</summary>
    private const int ListenMask = 16;

    private static readonly Dictionary<string, string> ValueFlags = new(StringComparer.Ordinal)
    {
        ["--bootstrap"] = "Bootstrap",
        ["--data-dir"] = "DataDirectory",
        ["--http-listen"] = "HttpListen",
        ["--host-driver"] = "HostDriver",
        ["--action-delay"] = "ActionDelay",
    };

    private HostCommandLine(string program, string section)
    {
        Program = program;
        Section = section;
    }

    /// <summary>The executable's name, as messages give it ("DistributedCloud.Agent").</summary>
    public string Program { get; }

    /// <summary>The configuration section the flags set ("Agent", "Controller").</summary>
    public string Section { get; }

    /// <summary>The settings the flags give, as configuration keys.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? ConfigFile { get; private set; }

    public bool Migrate { get; private set; }

    public bool Help { get; private set; }

    public List<string> Errors { get; } = [];

    /// <param name="args">The arguments.</param>
    /// <param name="program">The executable's name for messages.</param>
    /// <param name="section">The host's configuration section.</param>
    /// <param name="sampleConfig">The sample settings file named in messages.</param>
    /// <param name="hostFlags">The host's own flags that take a value, each with its full configuration key.</param>
    public static HostCommandLine Parse(IReadOnlyList<string> args, string program, string section, string sampleConfig,
        IReadOnlyDictionary<string, string>? hostFlags = null)
    {
        hostFlags ??= new Dictionary<string, string>();
        ArgumentNullException.ThrowIfNull(args);
        var line = new HostCommandLine(program, section);
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
                case "--dev":
                    line.Settings["Security:DevelopmentMode"] = "true";
                    continue;
            }

            var takesValue = ValueFlags.ContainsKey(arg) || hostFlags.ContainsKey(arg) || arg is "--listen" or "--config";
            if (!takesValue)
            {
                line.Errors.Add($"'{args[i]}' is not an option of {program}; see --help.");
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
                    var key = hostFlags.TryGetValue(arg, out var hostKey) ? hostKey : $"{section}:{ValueFlags[arg]}";
                    if (line.Settings.ContainsKey(key))
                    {
                        line.Errors.Add($"{arg} is given more than once; give it once.");
                    }

                    line.Settings[key] = value;
                    break;
            }
        }

        if (listen.Count > 0)
        {
            // The command line's endpoints replace any from the environment or a file, rather than merging by index.
            for (var n = 0; n < Math.Max(listen.Count, ListenMask); n++)
            {
                line.Settings[$"{section}:Listen:{n.ToString(CultureInfo.InvariantCulture)}"] = n < listen.Count ? listen[n] : string.Empty;
            }
        }

        if (line.ConfigFile is { } file && !File.Exists(file))
        {
            line.Errors.Add($"--config '{file}' does not exist; give a JSON settings file (see {sampleConfig}) or leave it out.");
        }

        return line;
    }
}
