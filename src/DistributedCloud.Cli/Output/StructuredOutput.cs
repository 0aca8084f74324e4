using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using YamlDotNet.Serialization;

namespace DistributedCloud.Cli.Output;

/// <summary>Writes a command's answer as JSON or YAML (the same keys), and builds plain consoles for tables.</summary>
public static class StructuredOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactJsonOptions = new(JsonOptions) { WriteIndented = false };

    /// <summary>
    /// Writes the document as YAML, or as JSON: indented, or on one line where a command's contract is a
    /// one-line object (<c>k8s service-families</c>).
    /// </summary>
    public static async Task WriteAsync(TextWriter writer, OutputFormat format, JsonNode document, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        var text = format == OutputFormat.Yaml
            ? new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(ToPlain(document))
            : document.ToJsonString(indented ? JsonOptions : CompactJsonOptions) + Environment.NewLine;
        await writer.WriteAsync(text);
    }

    /// <summary>A Spectre console writing plain text (no colours, no ANSI) to the writer, wide enough for long flags.</summary>
    public static IAnsiConsole PlainConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 40 ? columns : 160;
        return console;
    }

    private static object Number(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l
        : ulong.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var u) ? u
        : double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.Aggregate(new OrderedDictionary<string, object?>(), (d, p) =>
        {
            d.Add(p.Key, ToPlain(p.Value));
            return d;
        }),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(value.ToJsonString()),
            _ => value.GetValue<string>(),
        },
        _ => node.ToJsonString(),
    };
}
