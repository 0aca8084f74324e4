using System.Security.Claims;

namespace DistributedCloud.Security.Access;

/// <summary>
/// The claims an authenticated caller carries on every service (controller and agent): who (<see cref="ClaimTypes.Name"/>),
/// the role (<see cref="ClaimTypes.Role"/>, one of <see cref="AdminRoles"/>), how it authenticated, and for a controller
/// its id (what the fencing claim must match, S-5).
/// </summary>
public static class AccessClaims
{
    /// <summary>How the caller proved who it is: <see cref="TokenMethod"/> or <see cref="CertificateMethod"/>.</summary>
    public const string AuthenticationMethod = "dc:auth";

    public const string TokenMethod = "token";
    public const string CertificateMethod = "certificate";

    /// <summary>Present when the caller is a system controller (its certificate's dc://controller/ID).</summary>
    public const string ControllerId = "dc:controller-id";

    public static string Identity(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "(anonymous)";
    }

    public static AdminRole? Role(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return AdminRoles.TryParse(user.FindFirst(ClaimTypes.Role)?.Value, out var role) ? role : null;
    }

    public static ClaimsPrincipal Principal(string identity, AdminRole role, string method, string scheme, string? controllerId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, identity),
            new(ClaimTypes.Role, role.Name()),
            new(AuthenticationMethod, method),
        };
        if (controllerId is not null)
        {
            claims.Add(new Claim(ControllerId, controllerId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
