using DistributedCloud.Site.Hosting.Configuration;

namespace DistributedCloud.Controller.Configuration;

/// <summary>The controller's command line: the site host's flags (<see cref="HostCommandLine"/>) in section "Controller".</summary>
public static class ControllerCommandLine
{
    public const string Usage = """
        Usage: DistributedCloud.Controller --data-dir DIR --listen URL [--listen URL ...] [options]

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
          --help                  this text

        Every setting can also come from the environment: Controller__DataDirectory, Audit__AvailabilityInterval, ...
        Exit codes: 0 stopped cleanly or migrated, 1 the site or store refused the start, 2 bad command line or settings.
        """;

    public static HostCommandLine Parse(IReadOnlyList<string> args) =>
        HostCommandLine.Parse(args, "DistributedCloud.Controller", ControllerOptions.SectionName, "deploy/controller/appsettings.sample.json");
}
