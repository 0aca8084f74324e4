using DistributedCloud.Site.Alarms;
using DistributedCloud.Site.Changes;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Views;

namespace DistributedCloud.Site.Events;

/// <summary>Something that happened on the site, numbered in order (WatchEvents). The members of its kind are set.</summary>
public sealed record SiteEvent(
    ulong Sequence,
    DateTimeOffset Time,
    SiteEventKind Kind,
    HostView? Host = null,
    HostOperation? Operation = null,
    string? Message = null,
    Alarm? Alarm = null,
    ConfigChange? Change = null);
