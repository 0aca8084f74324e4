namespace DistributedCloud.Security.Access;

/// <summary>
/// Where a service records the calls of S-8. The controller appends them to its audit table; an agent writes them to
/// its log. Recording never fails the call it records.
/// </summary>
public interface IAccessAudit
{
    ValueTask RecordAsync(AccessEvent accessEvent, CancellationToken cancellationToken);
}
