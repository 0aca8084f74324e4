using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Strategies;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>The names the CLI, the API and the store use for the controller's states.</summary>
public static class StateNames
{
    public static string Name(this ManagementState state) => state == ManagementState.Managed ? "managed" : "unmanaged";

    public static string Name(this SubcloudAvailability availability) => availability == SubcloudAvailability.Online ? "online" : "offline";

    public static string Name(this DeployStatus status) => status == DeployStatus.Complete ? "complete" : "not-deployed";

    public static string Name(this SyncStatus status) => status switch
    {
        SyncStatus.InSync => "in-sync",
        SyncStatus.OutOfSync => "out-of-sync",
        _ => "unknown",
    };

    public static string Name(this ApplyType type) => type == ApplyType.Serial ? "serial" : "parallel";

    public static string Name(this StrategyState state) => state.ToString().ToLowerInvariant();

    public static string Name(this StepState state) => state.ToString().ToLowerInvariant();

    public static string Name(this NetworkModeTarget target) => target == NetworkModeTarget.DualStack ? "dual-stack" : "single-stack";

    /// <summary>Parses a name written by <see cref="Name{T}"/>-style methods back into an enum value.</summary>
    public static T Parse<T>(string text)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(NameOf(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw new InvalidDataException($"'{text}' is not a stored {typeof(T).Name} value this version knows");
    }

    public static string NameOf<T>(T value)
        where T : struct, Enum => value switch
        {
            ManagementState m => m.Name(),
            SubcloudAvailability a => a.Name(),
            DeployStatus d => d.Name(),
            SyncStatus s => s.Name(),
            ApplyType t => t.Name(),
            StrategyState s => s.Name(),
            StepState s => s.Name(),
            NetworkModeTarget t => t.Name(),
            _ => value.ToString(),
        };

    public static bool TryParseApplyType(string? text, out ApplyType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "serial":
                type = ApplyType.Serial;
                return true;
            case "parallel":
                type = ApplyType.Parallel;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
