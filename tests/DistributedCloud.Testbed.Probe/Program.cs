using DistributedCloud.Testbed.Probe;

// dctb-probe: GetSite from inside a test bed namespace with the project's own client (docs/testing.md).
var request = ProbeRequest.Parse(args, out var problems);
if (problems.Count > 0)
{
    await Console.Error.WriteLineAsync($"dctb-probe: {string.Join("; ", problems)}\n{ProbeRequest.Usage}");
    return 2;
}

await SiteProbe.RunAsync(request, Console.Out);
return 0;
