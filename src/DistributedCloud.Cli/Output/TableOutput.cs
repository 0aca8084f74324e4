using System.Text.Json.Nodes;

namespace DistributedCloud.Cli.Output;

/// <summary>
/// Writes a platform command's answer: the boxed table, or with <c>-o json|yaml</c> the same data with the table's
/// column names as keys (cli.md): a list is an array of objects, a Property/Value table one object.
/// </summary>
public static class TableOutput
{
    public static async Task WriteListAsync(CommandOutput output, BoxTable table)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(table);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteAsync(table.ToString());
            return;
        }

        var array = new JsonArray();
        foreach (var row in table.Rows)
        {
            var item = new JsonObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                item[table.Columns[i]] = row[i];
            }

            array.Add(item);
        }

        await output.WriteDocumentAsync(array);
    }

    public static async Task WritePropertiesAsync(CommandOutput output, BoxTable properties)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(properties);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteAsync(properties.ToString());
            return;
        }

        var item = new JsonObject();
        foreach (var row in properties.Rows)
        {
            item[row[0]!] = row[1];
        }

        await output.WriteDocumentAsync(item);
    }
}
