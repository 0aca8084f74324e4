namespace DistributedCloud.Networking.Sites;

/// <summary>How many controllers a site has (networking.md, "Runtime changes").</summary>
public enum SystemMode
{
    /// <summary>AIO-SX: one controller.</summary>
    Simplex,

    /// <summary>AIO-DX: two controllers.</summary>
    Duplex,

    /// <summary>Two controllers plus worker and storage hosts.</summary>
    Standard,
}
