using DistributedCloud.Controller.Backup;
using DistributedCloud.Controller.Configuration;
using DistributedCloud.Controller.Hosting;
using DistributedCloud.Site.Hosting;

// The system controller host (issue 5): see docs/controller.md. Composition only; the parts live in Hosting/ and Backup/.
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

var builder = SiteHostExtensions.CreateSiteHostBuilder(commandLine.Host);
if (commandLine.Archive is { } archive)
{
    // --backup / --restore (S-8a): one-shot on the data directory; nothing listens, no site or store is opened.
    return builder.RunArchive(archive);
}

builder.AddController();
await using var app = builder.Build();
app.MapController();
return await app.RunControllerAsync();
