using DistributedCloud.Site.Operations;

namespace DistributedCloud.Site;

/// <summary>
/// The answer to host-lock/unlock/swact: the operation as accepted (the host shows its task), whether the operation id
/// had been seen before, and a task that ends with the finished operation (H-5: the caller may wait or not).
/// </summary>
public sealed record HostActionTicket(HostOperation Accepted, bool Replayed, Task<HostOperation> Completion);
