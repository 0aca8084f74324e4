using DistributedCloud.Controller.Configuration;
using DistributedCloud.Controller.Hosting;
using DistributedCloud.Site.Hosting;

// The system controller host (issue 5): see docs/controller.md. Composition only; the parts live in Hosting/.
var commandLine = ControllerCommandLine.Parse(args);
if (commandLine.Help)
{
    Console.WriteLine(ControllerCommandLine.Usage);
    return 0;
}

if (commandLine.Errors.Count > 0)
{
    await Console.Error.WriteLineAsync($"DistributedCloud.Controller: {string.Join(" ", commandLine.Errors)}");
    return 2;
}

var builder = SiteHostExtensions.CreateSiteHostBuilder(commandLine);
builder.AddController();
await using var app = builder.Build();
app.MapController();
return await app.RunControllerAsync();
