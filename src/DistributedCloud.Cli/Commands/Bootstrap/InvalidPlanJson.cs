using DistributedCloud.Cli.Output;

namespace DistributedCloud.Cli.Commands.Bootstrap;

/// <summary>The JSON shape of a refused bootstrap file.</summary>
public sealed record InvalidPlanJson(bool Valid, IReadOnlyList<ErrorJson> Errors, IReadOnlyList<string> Warnings);
