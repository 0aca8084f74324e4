using DistributedCloud.Security.Access;
using Microsoft.AspNetCore.Authorization;

namespace DistributedCloud.Site.Hosting.Security;

/// <summary>The caller's role must include <see cref="Role"/> (S-7).</summary>
public sealed class RoleRequirement(AdminRole role) : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    public AdminRole Role { get; } = role;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.Role() is { } held && held.Satisfies(requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
