using DistributedCloud.Controller.Core.Access;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Security.Access;
using DistributedCloud.Site.Hosting.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Access;

/// <summary>The controller's admin tokens and audit log (S-6..S-8), composed with one call.</summary>
public static class ControllerAccessExtensions
{
    /// <summary>
    /// Registers <see cref="AdminTokenStore"/>, <see cref="AuditLog"/> (also as the process's <see cref="IAccessAudit"/>),
    /// the <c>AuditLog</c> settings (validated at start, every bad key listed), the retention sweep and
    /// <see cref="AuditInterceptor"/> (added to the services by <c>AddController</c>). Expects <see cref="ControllerDatabase"/>
    /// and <see cref="TimeProvider"/> to be registered.
    /// </summary>
    public static IServiceCollection AddControllerAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuditLogOptions>().Bind(configuration.GetSection(AuditLogOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditLogOptions>, AuditLogOptionsValidator>());
        services.TryAddSingleton(sp => new AdminTokenStore(sp.GetRequiredService<ControllerDatabase>()));
        services.TryAddSingleton(sp => new AuditLog(sp.GetRequiredService<ControllerDatabase>(), sp.GetRequiredService<ILogger<AuditLog>>()));
        services.TryAddSingleton<IAccessAudit>(sp => sp.GetRequiredService<AuditLog>());
        services.AddHostedService(sp => new AuditRetention(sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<IOptions<AuditLogOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuditRetention>>()));
        services.TryAddSingleton<AuditInterceptor>();

        services.TryAddSingleton<IAdminTokenVerifier, ControllerTokenVerifier>();
        return services;
    }
}
