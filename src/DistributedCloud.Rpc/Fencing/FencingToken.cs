using System.Globalization;
using DistributedCloud.Contracts.Fencing;
using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;

namespace DistributedCloud.Rpc.Fencing;

/// <summary>
/// The caller identity every agent call carries (architecture decision 4, G-10): the controller's id
/// and its leadership epoch, as request metadata (see agent.proto).
/// </summary>
public sealed record FencingToken(string ControllerId, ulong LeadershipEpoch)
{
    public void WriteTo(RpcMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata.Add(FencingMetadata.ControllerIdKey, ControllerId);
        metadata.Add(FencingMetadata.LeadershipEpochKey, LeadershipEpoch.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the token of a call; INVALID_ARGUMENT (with field violations) when missing or malformed.</summary>
    public static FencingToken ReadFrom(RpcMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var violations = new Google.Rpc.BadRequest();
        var id = metadata.GetValue(FencingMetadata.ControllerIdKey);
        if (string.IsNullOrWhiteSpace(id))
        {
            violations.FieldViolations.Add(new Google.Rpc.BadRequest.Types.FieldViolation
            {
                Field = FencingMetadata.ControllerIdKey,
                Description = $"Every agent call must carry the calling controller's id in '{FencingMetadata.ControllerIdKey}' metadata.",
                Reason = "G-10",
            });
        }

        var epochText = metadata.GetValue(FencingMetadata.LeadershipEpochKey);
        ulong epoch = 0;
        if (epochText is null || !ulong.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out epoch))
        {
            violations.FieldViolations.Add(new Google.Rpc.BadRequest.Types.FieldViolation
            {
                Field = FencingMetadata.LeadershipEpochKey,
                Description = epochText is null
                    ? $"Every agent call must carry the caller's leadership epoch in '{FencingMetadata.LeadershipEpochKey}' metadata."
                    : $"'{epochText}' is not a leadership epoch; use an unsigned decimal integer.",
                Reason = "G-10",
            });
        }

        if (violations.FieldViolations.Count > 0)
        {
            throw RpcException.WithDetails(StatusCode.InvalidArgument, "The call carries no valid fencing identity (dc-controller-id, dc-leadership-epoch).", violations);
        }

        return new FencingToken(id!, epoch);
    }
}
