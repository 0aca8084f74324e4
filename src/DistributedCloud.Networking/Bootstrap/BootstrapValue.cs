namespace DistributedCloud.Networking.Bootstrap;

/// <summary>One key of a bootstrap file: its text (a YAML list is joined with commas) and where it was.</summary>
public sealed record BootstrapValue(string Key, string Text, int Line);
