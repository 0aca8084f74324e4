using DistributedCloud.Site.Drivers;
using Microsoft.Extensions.Configuration;

namespace DistributedCloud.Site.Hosting.Configuration;

/// <summary>
/// The checks of a site host's settings (<see cref="SiteHostOptions"/>), shared by the agent's and the controller's
/// validators: every bad key is collected, each with the key, its flag, the value, the rule and what to do.
/// </summary>
public sealed class SiteHostOptionsChecks(IConfiguration configuration, string section, string dataDirectoryExample)
{
    private string P => section;

    /// <summary>Adds a failure for each bad setting; with <paramref name="migrateOnly"/> only the data directory matters.</summary>
    public void Check(SiteHostOptions options, bool migrateOnly, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(failures);
        CheckDataDirectory(options, failures);
        if (migrateOnly)
        {
            return;
        }

        CheckBootstrap(options, failures);
        var endpoints = CheckListen(options, failures);
        CheckHttpListen(options, endpoints, failures);
        CheckDurations(options, failures);
        CheckDriver(options, failures);
    }

    /// <summary>A duration setting: parsable, not negative, and (unless allowed) not zero.</summary>
    public static void CheckDuration(List<string> failures, string key, string? text, bool allowZero)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!Durations.TryParse(text, out var duration))
        {
            failures.Add($"{key} '{text}' is not a duration; use {Durations.Forms}.");
        }
        else if (duration < TimeSpan.Zero)
        {
            failures.Add($"{key} '{text}' is negative; a duration is 0 or more.");
        }
        else if (!allowZero && duration == TimeSpan.Zero)
        {
            failures.Add($"{key} '{text}' is zero; give a positive duration.");
        }
    }

    private void CheckDataDirectory(SiteHostOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{P}:DataDirectory (--data-dir) is missing: give the directory the site's database and artifacts live in, e.g. --data-dir {dataDirectoryExample}.");
        }
        else if (File.Exists(options.DataDirectory))
        {
            failures.Add($"{P}:DataDirectory (--data-dir) '{options.DataDirectory}' is a file; it must be a directory (created when missing).");
        }
    }

    private void CheckBootstrap(SiteHostOptions options, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(options.Bootstrap) && !File.Exists(options.Bootstrap))
        {
            failures.Add($"{P}:Bootstrap (--bootstrap) '{options.Bootstrap}' does not exist; give the bootstrap YAML the site was (or is to be) created from, or leave it out to reuse the data directory's site.");
        }
    }

    private List<ListenAddress> CheckListen(SiteHostOptions options, List<string> failures)
    {
        var endpoints = new List<ListenAddress>();
        var urls = options.ListenUrls.ToArray();
        if (urls.Length == 0)
        {
            failures.Add($"{P}:Listen (--listen) is missing: give at least one gRPC endpoint, {ListenAddress.Forms}.");
        }

        var development = configuration.GetValue<bool>("Security:DevelopmentMode");
        for (var i = 0; i < options.Listen.Count; i++)
        {
            var text = options.Listen[i];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!ListenAddress.TryParse(text, out var address, out var problem))
            {
                failures.Add($"{P}:Listen:{i} (--listen) '{text}' {problem}; use {ListenAddress.Forms}.");
                continue;
            }

            if (endpoints.Any(e => e.EndPoint.Equals(address!.EndPoint)))
            {
                failures.Add($"{P}:Listen:{i} (--listen) '{text}' repeats an endpoint already listed; give each address:port once.");
                continue;
            }

            if (!address!.Tls && !(development && System.Net.IPAddress.IsLoopback(address.EndPoint.Address)))
            {
                failures.Add(development
                    ? $"{P}:Listen:{i} (--listen) '{text}' is plaintext on a non-loopback address; development mode allows http:// on 127.0.0.0/8 and ::1 only (S-4). Use https://."
                    : $"{P}:Listen:{i} (--listen) '{text}' is plaintext; gRPC listeners use TLS (S-4): use https://{address.EndPoint}, or --dev for plaintext on loopback in development.");
            }

            endpoints.Add(address);
        }

        return endpoints;
    }

    private void CheckHttpListen(SiteHostOptions options, List<ListenAddress> endpoints, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.HttpListen))
        {
            return;
        }

        if (!ListenAddress.TryParse(options.HttpListen, out var address, out var problem))
        {
            failures.Add($"{P}:HttpListen (--http-listen) '{options.HttpListen}' {problem}; use http://ADDRESS:PORT, e.g. http://127.0.0.1:9102.");
        }
        else if (address!.Tls)
        {
            failures.Add($"{P}:HttpListen (--http-listen) '{options.HttpListen}' is https; the health and metrics endpoint is plain HTTP/1.1 (http://), keep it on a loopback or management address.");
        }
        else if (endpoints.Any(e => e.EndPoint.Equals(address.EndPoint)))
        {
            failures.Add($"{P}:HttpListen (--http-listen) '{options.HttpListen}' is also a gRPC --listen endpoint; give the health endpoint its own port.");
        }
    }

    private void CheckDurations(SiteHostOptions options, List<string> failures)
    {
        CheckDuration(failures, $"{P}:ActionDelay (--action-delay)", options.ActionDelay, allowZero: true);
        CheckDuration(failures, $"{P}:ShutdownGrace", options.ShutdownGrace, allowZero: true);
    }

    private void CheckDriver(SiteHostOptions options, List<string> failures)
    {
        var driver = options.HostDriver?.Trim() ?? string.Empty;
        if (string.Equals(driver, SimulatedHostDriver.DriverName, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!string.Equals(driver, ExecHostDriver.DriverName, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{P}:HostDriver (--host-driver) '{options.HostDriver}' is not a host driver; use 'simulated' or 'exec' (H-16).");
            return;
        }

        var exec = options.Exec;
        foreach (var (key, line) in new[] { ("Lock", exec.Lock), ("Unlock", exec.Unlock), ("Swact", exec.Swact) })
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                failures.Add($"{P}:Exec:{key} is missing: the exec host driver needs a command line for host-{key.ToLowerInvariant()}, e.g. \"/usr/bin/system host-{key.ToLowerInvariant()} {{force}} {{host}}\".");
            }
        }

        CheckDuration(failures, $"{P}:Exec:Timeout", exec.Timeout, allowZero: false);
        if (string.IsNullOrWhiteSpace(exec.Shell) || !File.Exists(exec.Shell))
        {
            failures.Add($"{P}:Exec:Shell '{exec.Shell}' does not exist; give the shell that runs the command lines (default /bin/sh).");
        }
    }
}
