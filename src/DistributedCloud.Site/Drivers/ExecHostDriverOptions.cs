using DistributedCloud.Site.Hosts;

namespace DistributedCloud.Site.Drivers;

/// <summary>
/// Settings of the exec driver (H-16): a shell command line per action and a timeout. A command line may use
/// <c>{host}</c>, <c>{peer}</c>, <c>{force}</c> (<c>--force</c> or nothing) and <c>{operation}</c>, substituted
/// shell-quoted; the same values are in the environment as <c>DC_HOST</c>, <c>DC_PEER</c>, <c>DC_FORCE</c>
/// (<c>1</c>/<c>0</c>), <c>DC_ACTION</c> and <c>DC_OPERATION_ID</c>.
/// </summary>
public sealed class ExecHostDriverOptions
{
    public Dictionary<HostAction, string> Commands { get; } = [];

    /// <summary>The shell that runs a command line as <c>SHELL -c LINE</c>.</summary>
    public string Shell { get; set; } = "/bin/sh";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many characters of output are kept as the action's message.</summary>
    public int MaxOutputLength { get; set; } = 4000;
}
