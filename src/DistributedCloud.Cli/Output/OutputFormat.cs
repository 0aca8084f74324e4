namespace DistributedCloud.Cli.Output;

public enum OutputFormat
{
    Table,
    Json,
    Yaml,
}
