using System.Diagnostics.CodeAnalysis;

namespace DistributedCloud.Security.Access;

/// <summary>Role names as operators type them ("reader", "operator", "admin") and the order between roles.</summary>
public static class AdminRoles
{
    public const string Reader = "reader";
    public const string Operator = "operator";
    public const string Admin = "admin";

    /// <summary>The names in order, for messages ("reader, operator, admin").</summary>
    public static readonly IReadOnlyList<string> Names = [Reader, Operator, Admin];

    public static string Name(this AdminRole role) => role switch
    {
        AdminRole.Reader => Reader,
        AdminRole.Operator => Operator,
        AdminRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out AdminRole? role)
    {
        role = text?.Trim().ToLowerInvariant() switch
        {
            Reader => AdminRole.Reader,
            Operator => AdminRole.Operator,
            Admin => AdminRole.Admin,
            _ => null,
        };
        return role is not null;
    }

    /// <summary>True when <paramref name="held"/> allows what <paramref name="needed"/> allows.</summary>
    public static bool Satisfies(this AdminRole held, AdminRole needed) => held >= needed;
}
