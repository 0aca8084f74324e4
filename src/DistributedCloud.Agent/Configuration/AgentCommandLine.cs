using DistributedCloud.Site.Hosting.Configuration;

namespace DistributedCloud.Agent.Configuration;

/// <summary>The agent's command line: the site host's flags (<see cref="HostCommandLine"/>) in section "Agent".</summary>
public static class AgentCommandLine
{
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
          --join-token TOKEN      enroll with this one-time join token from 'dcctl subcloud add' or
                                  'dcctl subcloud enroll' (Agent:JoinToken; with --ca-fingerprint)
          --ca-fingerprint FP     sha256:HEX of the controller's CA, pinned while enrolling
                                  (Agent:CaFingerprint; with --join-token)
          --config FILE           a JSON settings file (the keys of appsettings.sample.json)
          --migrate               apply the schema migrations to DIR's database and exit
          --help                  this text

        Every setting can also come from the environment: Agent__DataDirectory, Agent__Listen__0, ...
        Exit codes: 0 stopped cleanly or migrated, 1 the site refused the start, 2 bad command line or settings.
        """;

    /// <summary>The agent's own flags (S-2), each with its full configuration key.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnrollmentFlags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--join-token"] = $"{AgentOptions.SectionName}:{nameof(AgentOptions.JoinToken)}",
        ["--ca-fingerprint"] = $"{AgentOptions.SectionName}:{nameof(AgentOptions.CaFingerprint)}",
    };

    public static HostCommandLine Parse(IReadOnlyList<string> args) =>
        HostCommandLine.Parse(args, "DistributedCloud.Agent", AgentOptions.SectionName, "deploy/agent/appsettings.sample.json", EnrollmentFlags);
}
