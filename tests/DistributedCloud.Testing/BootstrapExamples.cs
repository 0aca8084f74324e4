namespace DistributedCloud.Testing;

/// <summary>The example bootstrap files of deploy/examples, copied next to every test that references this project.</summary>
public static class BootstrapExamples
{
    /// <summary>AIO-DX, dual-stack with IPv6 primary (the seed's tutorial values).</summary>
    public const string SeedDualStack = "bootstrap-aio-dx-dual-stack.yaml";

    /// <summary>AIO-DX, IPv6 single-stack (the start of the tutorial's runtime session).</summary>
    public const string AioDxIpv6 = "bootstrap-aio-dx-ipv6.yaml";

    /// <summary>AIO-SX, IPv4 single-stack.</summary>
    public const string AioSxIpv4 = "bootstrap-aio-sx-ipv4.yaml";

    /// <summary>Standard (two controllers, two workers), dual-stack with IPv4 primary and an admin network.</summary>
    public const string StandardIpv4Primary = "bootstrap-standard-ipv4-primary-dual-stack.yaml";

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "examples");

    /// <summary>The path of an example (<c>fleet/controller.yaml</c> names one below the examples directory).</summary>
    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
