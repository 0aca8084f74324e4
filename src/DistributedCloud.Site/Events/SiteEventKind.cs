namespace DistributedCloud.Site.Events;

public enum SiteEventKind
{
    /// <summary>A host's states, task, role or config changed.</summary>
    HostChanged,

    /// <summary>A host action started, progressed or ended.</summary>
    HostActionProgress,

    AlarmRaised,

    AlarmCleared,

    /// <summary>A configuration change was applied and rendered.</summary>
    NetworkChanged,
}
