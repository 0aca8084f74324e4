using System.Reflection;

namespace DistributedCloud.Controller.Backup;

/// <summary>The controller's version as a backup's manifest records it (the informational version of the build).</summary>
public static class ProgramVersion
{
    public static string Current { get; } =
        typeof(ProgramVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProgramVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
