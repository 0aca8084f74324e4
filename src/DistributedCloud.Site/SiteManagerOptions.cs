namespace DistributedCloud.Site;

/// <summary>Where and how a site keeps its state.</summary>
public sealed class SiteManagerOptions
{
    /// <summary>The data directory: the SQLite file and the rendered artifacts live under it.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    public string DatabaseFileName { get; set; } = "site.db";

    public string ArtifactsDirectoryName { get; set; } = "artifacts";

    /// <summary>How many rendered generations are kept on disk.</summary>
    public int KeepGenerations { get; set; } = 5;

    /// <summary>Apply pending schema migrations when the site opens (the embedded single-process default).</summary>
    public bool MigrateOnOpen { get; set; } = true;

    /// <summary>The site is a system controller's own (it may have system-controller networks).</summary>
    public bool IsSystemController { get; set; }

    /// <summary>How long disposing waits for running host actions before leaving them to the next start's recovery.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);

    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);

    public string ArtifactsPath => Path.Combine(DataDirectory, ArtifactsDirectoryName);

    /// <summary>Throws when a setting cannot work, naming it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("SiteManagerOptions.DataDirectory is empty; give the directory the site keeps its database and artifacts in.");
        }

        if (KeepGenerations < 1)
        {
            throw new ArgumentException($"SiteManagerOptions.KeepGenerations is {KeepGenerations}; keep at least 1 generation.");
        }
    }
}
