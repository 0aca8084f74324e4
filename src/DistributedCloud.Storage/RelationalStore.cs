using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Storage;

/// <summary>
/// One store on a relational database, through EF Core: contexts on the provider's connection, the schema brought
/// current by migrations (or a database behind it refused), reads on their own context, and writes one at a time, each
/// in one transaction that commits only when the write returns; a write that throws (a refused command included) rolls
/// back and leaves the store as it was. The site's and the controller's stores both stand on it.
/// </summary>
/// <remarks>
/// Writers are serialised in the process because SQLite has one writer per file; a second process on the same file
/// waits for the lock (the provider's busy timeout) instead of failing. The writer gate is a <see cref="SemaphoreSlim"/>
/// whose wait handle is never used, so the store holds nothing to dispose.
/// </remarks>
public sealed class RelationalStore<TContext>
    where TContext : DbContext
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly DbContextOptions<TContext> _options;
    private readonly Func<DbContextOptions<TContext>, TContext> _create;

    public RelationalStore(IStoreProvider provider, Func<DbContextOptions<TContext>, TContext> create)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(create);
        Provider = provider;
        _create = create;
        _options = provider.OptionsFor<TContext>();
    }

    public IStoreProvider Provider { get; }

    /// <summary>A new context on the store; the caller disposes it.</summary>
    public TContext NewContext() => _create(_options);

    /// <summary>The migrations the store lacks (all of them for a store not created yet).</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        Provider.Prepare();
        try
        {
            await using var context = NewContext();
            return [.. await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)];
        }
        catch (Exception ex) when (Provider.IsCorrupt(ex))
        {
            throw StoreErrors.Corrupt(Provider, ex);
        }
    }

    /// <summary>Creates or upgrades the schema, then applies the provider's settings (SQLite: WAL); returns the migrations applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = await PendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var context = NewContext();
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await Provider.AfterMigrateAsync(context.Database, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Provider.IsCorrupt(ex))
        {
            throw StoreErrors.Corrupt(Provider, ex);
        }

        return pending;
    }

    /// <summary>
    /// Opens the store: migrates it when <paramref name="migrate"/> (the embedded default), otherwise refuses a store
    /// that lacks migrations with the exception <paramref name="behind"/> makes of them (the explicit <c>--migrate</c>
    /// step has not run). Returns the migrations applied now.
    /// </summary>
    public async Task<IReadOnlyList<string>> OpenAsync(bool migrate, Func<IReadOnlyList<string>, Exception> behind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(behind);
        if (migrate)
        {
            return await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        var pending = await PendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            throw behind(pending);
        }

        return [];
    }

    /// <summary>Runs <paramref name="body"/> on its own context; it sees committed state only and never waits for a writer.</summary>
    public async Task<T> ReadAsync<T>(Func<TContext, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var context = NewContext();
        return await body(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="body"/> as the only writer, in one transaction: its changes are saved and committed when it
    /// returns; when it throws, nothing of it is stored and the exception goes on to the caller.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<TContext, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var context = NewContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await body(context).ConfigureAwait(false);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }
}
