using System.Globalization;
using Google.Rpc;
using Grpc.Core;

namespace DistributedCloud.Contracts.Fencing;

/// <summary>
/// The caller identity every agent call carries (architecture decision 5, G-10): the controller's id and its
/// leadership epoch, as request metadata (see agent.proto).
/// </summary>
public sealed record FencingToken(string ControllerId, ulong LeadershipEpoch)
{
    /// <summary>An operator's <c>dcctl</c>: epoch 0, obeyed by an agent until a controller claims a higher epoch.</summary>
    public static readonly FencingToken Operator = new("dcctl", 0);

    public void WriteTo(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata.Add(FencingMetadata.ControllerIdKey, ControllerId);
        metadata.Add(FencingMetadata.LeadershipEpochKey, LeadershipEpoch.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the token of a call; INVALID_ARGUMENT with a field violation per missing or malformed key.</summary>
    public static FencingToken ReadFrom(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var violations = new BadRequest();
        var id = metadata.GetValue(FencingMetadata.ControllerIdKey);
        if (string.IsNullOrWhiteSpace(id))
        {
            violations.FieldViolations.Add(new BadRequest.Types.FieldViolation
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
            violations.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = FencingMetadata.LeadershipEpochKey,
                Description = epochText is null
                    ? $"Every agent call must carry the caller's leadership epoch in '{FencingMetadata.LeadershipEpochKey}' metadata."
                    : $"'{Shortened(epochText)}' is not a leadership epoch; use an unsigned decimal integer.",
                Reason = "G-10",
            });
        }

        if (violations.FieldViolations.Count > 0)
        {
            var status = new Google.Rpc.Status
            {
                Code = (int)Code.InvalidArgument,
                Message = "The call carries no valid fencing identity (dc-controller-id, dc-leadership-epoch).",
            };
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(violations));
            throw status.ToRpcException();
        }

        return new FencingToken(id!, epoch);
    }

    private static string Shortened(string text) => text.Length <= 32 ? text : text[..32] + "...";
}
