namespace DistributedCloud.Controller.Tests.Backup;

/// <summary>A path's Unix permission bits (the tests run where the controller runs: Linux).</summary>
internal static class Modes
{
    public static UnixFileMode Of(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("Unix file modes") : File.GetUnixFileMode(path);

    public static void CreateDirectory(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Unix file modes");
        }

        Directory.CreateDirectory(path, mode);
    }
}
