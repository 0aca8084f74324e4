using System.Globalization;
using DistributedCloud.Contracts.Controller.V1;
using Google.Protobuf.WellKnownTypes;

namespace DistributedCloud.Cli.Commands.Access;

/// <summary>How roles, token states, outcomes and times read in the token and audit commands.</summary>
public static class AccessText
{
    public static readonly IReadOnlyList<string> Roles = ["reader", "operator", "admin"];

    public static string Role(AdminRole role) => role switch
    {
        AdminRole.Reader => "reader",
        AdminRole.Operator => "operator",
        AdminRole.Admin => "admin",
        _ => "unknown",
    };

    public static AdminRole ParseRole(string? text) => text switch
    {
        "reader" => AdminRole.Reader,
        "operator" => AdminRole.Operator,
        "admin" => AdminRole.Admin,
        _ => AdminRole.Unspecified,
    };

    public static string State(TokenState state) => state switch
    {
        TokenState.Active => "active",
        TokenState.Expired => "expired",
        TokenState.Revoked => "revoked",
        _ => "unknown",
    };

    public static string Outcome(AccessOutcome outcome) => outcome switch
    {
        AccessOutcome.Done => "done",
        AccessOutcome.Refused => "refused",
        _ => "unknown",
    };

    /// <summary>ISO 8601 in UTC with a Z, for JSON and YAML; null when the time is not set.</summary>
    public static string? IsoTime(Timestamp? time) =>
        time is null ? null : time.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    /// <summary>The method as a table shows it: <c>SystemController/AddSubcloud</c> for the full gRPC path.</summary>
    public static string ShortMethod(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var parts = method.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 ? $"{parts[0][(parts[0].LastIndexOf('.') + 1)..]}/{parts[1]}" : method;
    }
}
