using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DistributedCloud.Networking.Errors;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistributedCloud.Cli.Output;

/// <summary>
/// Where a command writes: data to stdout in the chosen format, messages to stderr. With <c>-o json</c> stdout
/// carries nothing but the JSON document.
/// </summary>
public sealed class CommandOutput
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly IAnsiConsole _console;

    public CommandOutput(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        Format = GlobalOptions.GetOutput(parseResult);
        Out = parseResult.InvocationConfiguration.Output;
        Error = parseResult.InvocationConfiguration.Error;
        _console = StructuredOutput.PlainConsole(Out);
    }

    public OutputFormat Format { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool IsJson => Format == OutputFormat.Json;

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>A document in the chosen structured format (JSON or YAML, the same keys).</summary>
    public Task WriteDocumentAsync(JsonNode document, bool indented = true) =>
        StructuredOutput.WriteAsync(Out, Format == OutputFormat.Yaml ? OutputFormat.Yaml : OutputFormat.Json, document, indented);

    public void Write(IRenderable renderable) => _console.Write(renderable);

    public void WriteLine(string text) => Out.WriteLine(text);

    /// <summary>A message for the operator: stderr, whatever the format.</summary>
    public void Message(string text) => Error.WriteLine(text);

    /// <summary>Every error of a refusal as a table (or lines on stderr when stdout carries JSON).</summary>
    public void WriteErrors(IEnumerable<DomainError> errors)
    {
        var table = new Table().Border(TableBorder.Ascii).AddColumn("rule").AddColumn("field").AddColumn("problem");
        foreach (var error in errors)
        {
            table.AddRow(Markup.Escape(error.Rule), Markup.Escape(error.Field), Markup.Escape(error.Message));
        }

        Write(table);
    }
}
