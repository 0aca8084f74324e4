using System.Text.Json.Nodes;
using DistributedCloud.Cli.Output;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary>What a deleting command prints: a sentence, or <c>{"uuid": ...}</c> as data.</summary>
public static class Removed
{
    public static async Task WriteAsync(CommandOutput output, string what, string uuid)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteLineAsync($"{what}: {uuid}");
            return;
        }

        await output.WriteDocumentAsync(new JsonObject { ["uuid"] = uuid });
    }
}
