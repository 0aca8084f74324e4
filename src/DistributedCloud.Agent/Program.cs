using DistributedCloud.Agent.Configuration;
using DistributedCloud.Agent.Hosting;
using DistributedCloud.Site.Hosting;

// The subcloud agent (D-22..D-25): see docs/agent.md. Composition only; the parts live in Hosting/ and Site.Hosting.
var commandLine = AgentCommandLine.Parse(args);
if (commandLine.Help)
{
    Console.WriteLine(AgentCommandLine.Usage);
    return 0;
}

if (commandLine.Errors.Count > 0)
{
    await Console.Error.WriteLineAsync($"DistributedCloud.Agent: {string.Join(" ", commandLine.Errors)}");
    return 2;
}

var builder = SiteHostExtensions.CreateSiteHostBuilder(commandLine);
builder.AddAgent();
await using var app = builder.Build();
app.MapAgent();
return await app.RunAgentAsync();
