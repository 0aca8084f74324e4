namespace DistributedCloud.Networking.Tests.Support;

/// <summary>The example bootstrap files shipped in deploy/examples, copied next to the tests.</summary>
public static class Examples
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name));

    public const string SeedDualStack = "bootstrap-aio-dx-dual-stack.yaml";
    public const string AioDxIpv6 = "bootstrap-aio-dx-ipv6.yaml";
    public const string AioSxIpv4 = "bootstrap-aio-sx-ipv4.yaml";
    public const string StandardIpv4Primary = "bootstrap-standard-ipv4-primary-dual-stack.yaml";
}
