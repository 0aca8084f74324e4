namespace DistributedCloud.Cli.Commands.Bootstrap;

/// <summary>The JSON shape of <c>dcctl bootstrap render -o json</c>.</summary>
public sealed record RenderJson(
    bool Valid,
    string Out,
    string PrimaryFamily,
    bool KubernetesDualStack,
    IReadOnlyList<string> Files,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Flags,
    IReadOnlyList<string> Warnings);
