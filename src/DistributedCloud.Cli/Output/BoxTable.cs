using System.Text;

namespace DistributedCloud.Cli.Output;

/// <summary>
/// The boxed table of the reference platform's CLI: <c>+---+</c> borders with joints, one space of padding,
/// left-aligned cells, cells with line breaks spread over several lines. Scripts split these rows on whitespace
/// (the tutorial's <c>awk '$6 == "cluster-pod-ipv4" { print $2 }'</c>), so the layout is part of the contract.
/// </summary>
public sealed class BoxTable
{
    private readonly List<string?[]> _rows = [];

    public BoxTable(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }

        Columns = columns;
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>The cells as given; null is a value that is not set (shown as <c>None</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string?>> Rows => _rows;

    /// <summary>A two-column Property/Value table, as <c>*-show</c> commands print.</summary>
    public static BoxTable Properties(IEnumerable<(string Property, string? Value)> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var table = new BoxTable("Property", "Value");
        foreach (var (property, value) in properties)
        {
            table.Add(property, value);
        }

        return table;
    }

    public BoxTable Add(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"A row needs {Columns.Count} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells.ToArray());
        return this;
    }

    public override string ToString()
    {
        var shown = _rows.Select(r => r.Select(c => c ?? "None").ToArray()).ToArray();
        var widths = Columns.Select((c, i) => Math.Max(Width(c), shown.Length == 0 ? 0 : shown.Max(r => Width(r[i])))).ToArray();
        var border = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        var text = new StringBuilder();
        text.AppendLine(border);
        AppendRow(text, Columns, widths);
        text.AppendLine(border);
        foreach (var row in shown)
        {
            AppendRow(text, row, widths);
        }

        text.AppendLine(border);
        return text.ToString();
    }

    private static int Width(string cell) => cell.Split('\n').Max(l => l.Length);

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var lines = cells.Select(c => c.Split('\n')).ToArray();
        var height = lines.Max(l => l.Length);
        for (var line = 0; line < height; line++)
        {
            text.Append('|');
            for (var i = 0; i < cells.Count; i++)
            {
                var part = line < lines[i].Length ? lines[i][line] : string.Empty;
                text.Append(' ').Append(part.PadRight(widths[i])).Append(" |");
            }

            text.AppendLine();
        }
    }
}
