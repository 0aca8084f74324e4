using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Storage;

public static class StoreProviderExtensions
{
    /// <summary>Context options on <paramref name="provider"/>'s store (also what a design-time factory hands <c>dotnet ef</c>).</summary>
    public static DbContextOptions<TContext> OptionsFor<TContext>(this IStoreProvider provider)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(provider);
        var builder = new DbContextOptionsBuilder<TContext>();
        provider.Configure(builder);
        return builder.Options;
    }
}
