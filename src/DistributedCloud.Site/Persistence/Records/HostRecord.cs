namespace DistributedCloud.Site.Persistence.Records;

internal sealed class HostRecord
{
    public Guid Uuid { get; set; }

    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Personality { get; set; } = string.Empty;

    public string Administrative { get; set; } = string.Empty;

    public string Operational { get; set; } = string.Empty;

    public string Availability { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string? Task { get; set; }

    public string? RunningAction { get; set; }

    public string? ConfigTarget { get; set; }

    public string? ConfigApplied { get; set; }

    public bool RebootRequired { get; set; }

    public string? LastFailure { get; set; }
}
