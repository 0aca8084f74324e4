namespace DistributedCloud.Contracts.Fencing;

/// <summary>
/// The request metadata every call to <c>distributedcloud.agent.v1.SubcloudAgent</c> carries
/// (architecture decision 5, geo-redundancy G-10). The keys are documented in agent.proto.
/// </summary>
public static class FencingMetadata
{
    /// <summary>The calling system controller's id (ASCII).</summary>
    public const string ControllerIdKey = "dc-controller-id";

    /// <summary>The caller's leadership epoch, an unsigned decimal integer.</summary>
    public const string LeadershipEpochKey = "dc-leadership-epoch";

    /// <summary>The <c>google.rpc.ErrorInfo</c> domain of fencing refusals.</summary>
    public const string ErrorDomain = "distributedcloud.agent.v1";

    /// <summary>The <c>google.rpc.ErrorInfo</c> reason of a refusal from a stale leader.</summary>
    public const string StaleEpochReason = "STALE_LEADERSHIP_EPOCH";

    /// <summary>The <c>google.rpc.ErrorInfo</c> reason of a refused claim above the epoch the agent holds (S-5).</summary>
    public const string EpochAboveHeldReason = "LEADERSHIP_EPOCH_ABOVE_HELD";
}
