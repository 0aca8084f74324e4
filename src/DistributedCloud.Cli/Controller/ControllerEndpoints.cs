namespace DistributedCloud.Cli.Controller;

/// <summary>
/// The system controller addresses dcctl may call, in order. Only the defaults are tried one after the other: an
/// address the operator named is the one meant, and a failure there is reported as it is.
/// </summary>
public sealed record ControllerEndpoints(IReadOnlyList<string> Addresses, bool Defaulted)
{
    public const string Variable = "DCCTL_CONTROLLER";

    /// <summary>IPv6 loopback first, then IPv4 (cli.md "Global options").</summary>
    public static readonly IReadOnlyList<string> Defaults = ["https://[::1]:50051", "https://127.0.0.1:50051"];

    /// <summary>The <c>--controller</c> option, else <c>DCCTL_CONTROLLER</c>, else the configuration's, else <see cref="Defaults"/>.</summary>
    public static ControllerEndpoints Resolve(string? option, string? environment, IReadOnlyList<string>? defaults = null, string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return new ControllerEndpoints([CheckUrl(option, "--controller")], Defaulted: false);
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return new ControllerEndpoints([CheckUrl(environment, Variable)], Defaulted: false);
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new ControllerEndpoints([CheckUrl(configured, "the configuration's controller")], Defaulted: false);
        }

        return new ControllerEndpoints(defaults ?? Defaults, Defaulted: true);
    }

    /// <summary>Addresses for messages: <c>http://[::1]:50051 or http://127.0.0.1:50051</c>.</summary>
    public string Describe() => string.Join(" or ", Addresses);

    private static string CheckUrl(string text, string source) => ServerUrl.Check(text, source, "https://[fd01::1]:50051");
}
