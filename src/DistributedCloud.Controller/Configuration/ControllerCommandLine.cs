using DistributedCloud.Controller.Backup;
using DistributedCloud.Site.Hosting.Configuration;

namespace DistributedCloud.Controller.Configuration;

/// <summary>
/// The controller's command line: the site host's flags (<see cref="HostCommandLine"/>) in section "Controller", plus
/// the controller's own one-shot modes <c>--backup FILE [--force]</c> and <c>--restore FILE</c> (S-8a), which the agent
/// does not have and which therefore are taken out before the shared parser sees the rest.
/// </summary>
public sealed class ControllerCommandLine
{
    public const string Usage = """
        Usage: DistributedCloud.Controller --data-dir DIR --listen URL [--listen URL ...] [options]
               DistributedCloud.Controller --data-dir DIR --backup FILE [--force]
               DistributedCloud.Controller --data-dir NEWDIR --restore FILE

        Serves distributedcloud.controller.v1.SystemController: the controller's own site kept in DIR,
        the subclouds (DIR/controller.db) and their audits.

          --bootstrap FILE        the controller's own bootstrap YAML, to create its site on the first start;
                                  later starts must give the same file or none (Controller:Bootstrap)
          --data-dir DIR          the site's database and artifacts, and controller.db (Controller:DataDirectory)
          --listen URL            gRPC endpoint, repeatable: http://[fd01::2]:50051, http://127.0.0.1:50051,
                                  https://... (TLS from Rpc:Server:Tls) (Controller:Listen:N)
          --http-listen URL       plain HTTP endpoint for /healthz, /readyz, /metrics (Controller:HttpListen)
          --host-driver NAME      simulated (default) or exec, for the own site's hosts (Controller:HostDriver)
          --action-delay DURATION how long a simulated host action takes, e.g. 5s (Controller:ActionDelay)
          --config FILE           a JSON settings file (the keys of deploy/controller/appsettings.sample.json)
          --migrate               apply the schema migrations to DIR's databases and exit
          --backup FILE           write DIR (databases, CA key, tokens, every other file) into FILE (mode 0600) and
                                  exit; works while the controller runs; an existing FILE only with --force
          --restore FILE          check FILE whole, then recreate it as DIR, which must not exist or be empty, and exit
          --help                  this text

        Every setting can also come from the environment: Controller__DataDirectory, Audit__AvailabilityInterval, ...
        Exit codes: 0 stopped cleanly, migrated, backed up or restored; 1 the site or store refused the start, or a
        backup or restore was refused (nothing written); 2 bad command line or settings.
        """;

    private const string Program = "DistributedCloud.Controller";

    /// <summary>Flags of the serving mode that mean nothing to a backup or a restore.</summary>
    private static readonly string[] ServingFlags = ["--listen", "--http-listen", "--bootstrap", "--host-driver", "--action-delay"];

    private ControllerCommandLine(HostCommandLine host, ArchiveRequest? archive, List<string> errors)
    {
        Host = host;
        Archive = archive;
        Errors = [.. errors, .. host.Errors];
    }

    /// <summary>The site host's part: the settings the flags give, --config, --migrate, --help.</summary>
    public HostCommandLine Host { get; }

    /// <summary>--backup or --restore; null when the controller is to serve (or migrate).</summary>
    public ArchiveRequest? Archive { get; }

    public Dictionary<string, string?> Settings => Host.Settings;

    public bool Help => Host.Help;

    /// <summary>Every mistake of the command line (the archive flags' and the host's), each a sentence.</summary>
    public IReadOnlyList<string> Errors { get; }

    public static ControllerCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = new List<string>();
        var rest = new List<string>();
        string? backup = null;
        string? restore = null;
        var force = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? arg[..equals] : arg;
            switch (name)
            {
                case "--force":
                    force = true;
                    break;
                case "--backup" or "--restore":
                    string? value;
                    if (equals > 0)
                    {
                        value = arg[(equals + 1)..];
                    }
                    else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        value = args[++i];
                    }
                    else
                    {
                        errors.Add($"{name} needs a file; see --help.");
                        break;
                    }

                    if (string.IsNullOrWhiteSpace(value))
                    {
                        errors.Add($"{name} needs a file; see --help.");
                    }
                    else if ((name == "--backup" ? backup : restore) is not null)
                    {
                        errors.Add($"{name} is given more than once; give it once.");
                    }
                    else if (name == "--backup")
                    {
                        backup = value;
                    }
                    else
                    {
                        restore = value;
                    }

                    break;
                default:
                    rest.Add(arg);
                    break;
            }
        }

        var host = HostCommandLine.Parse(rest, Program, ControllerOptions.SectionName, "deploy/controller/appsettings.sample.json");
        ArchiveRequest? archive = null;
        if (backup is not null && restore is not null)
        {
            errors.Add("--backup and --restore are two runs; give one of them.");
        }
        else if (backup is not null || restore is not null)
        {
            var operation = backup is not null ? ArchiveOperation.Backup : ArchiveOperation.Restore;
            var flag = backup is not null ? "--backup" : "--restore";
            archive = new ArchiveRequest(operation, backup ?? restore!, force);
            if (force && operation == ArchiveOperation.Restore)
            {
                errors.Add("--force applies to --backup only; a restore never replaces a data directory that has files: give a new or empty --data-dir.");
            }

            if (host.Migrate)
            {
                errors.Add($"--migrate and {flag} are two runs; give one of them.");
            }

            foreach (var serving in ServingFlags.Where(f => rest.Any(a => a == f || a.StartsWith(f + "=", StringComparison.Ordinal))))
            {
                errors.Add($"{serving} has no meaning with {flag}, which only reads or writes the data directory; leave it out.");
            }
        }
        else if (force)
        {
            errors.Add("--force applies to --backup only (to replace an existing backup file); leave it out.");
        }

        return new ControllerCommandLine(host, archive, errors);
    }
}
