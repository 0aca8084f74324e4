using System.Text.Json;

namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary><c>dcctl strategy show --details -o json</c>: the state, and per subcloud its state and steps.</summary>
public sealed record StrategyView(string State, string? Error, IReadOnlyList<StrategySubcloudView> Subclouds, string Json)
{
    public StrategySubcloudView this[string subcloud] => Subclouds.FirstOrDefault(s => s.Name == subcloud)
        ?? throw new KeyNotFoundException($"subcloud {subcloud} is not in the strategy:\n{Json}");

    public static StrategyView Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var subclouds = root.TryGetProperty("subclouds", out var list)
            ? list.EnumerateArray().Select(StrategySubcloudView.Parse).ToArray()
            : [];
        return new StrategyView(root.GetProperty("state").GetString()!, Text(root, "error"), subclouds, json);
    }

    public override string ToString() => Json;

    internal static string? Text(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>One subcloud of a strategy: its state and ordered steps.</summary>
public sealed record StrategySubcloudView(string Name, string State, IReadOnlyList<StrategyStepView> Steps)
{
    /// <summary>The first step not yet succeeded (null when all are).</summary>
    public StrategyStepView? Current => Steps.FirstOrDefault(s => s.State != "succeeded");

    public static StrategySubcloudView Parse(JsonElement element) => new(
        element.GetProperty("subcloud").GetString()!,
        element.GetProperty("state").GetString()!,
        [.. element.GetProperty("steps").EnumerateArray().Select(StrategyStepView.Parse)]);
}

/// <summary>One step: what it does, its state, its operation id (D-18) and its message.</summary>
public sealed record StrategyStepView(string Step, string State, string? Operation, string? Message)
{
    public bool IsHostAction => Step.StartsWith("lock ", StringComparison.Ordinal) || Step.StartsWith("unlock ", StringComparison.Ordinal)
        || Step.StartsWith("swact ", StringComparison.Ordinal);

    public static StrategyStepView Parse(JsonElement element) => new(
        element.GetProperty("step").GetString()!,
        element.GetProperty("state").GetString()!,
        StrategyView.Text(element, "operation"),
        StrategyView.Text(element, "message"));
}
