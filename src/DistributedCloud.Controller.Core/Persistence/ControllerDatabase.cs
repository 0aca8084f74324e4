using System.Diagnostics;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Storage;
using DistributedCloud.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistributedCloud.Controller.Core.Persistence;

/// <summary>
/// The controller's SQLite file, on the shared store foundation. Every command runs in one transaction, serialised in
/// the process: it reads, checks every rule, then writes; a refused command (a <see cref="DomainException"/>) or any
/// failure rolls back, so it changes nothing. Reads see committed state only.
/// </summary>
public sealed class ControllerDatabase : IDisposable
{
    private readonly RelationalStore<ControllerDbContext> _store;
    private readonly ILogger _logger;
    private readonly bool _ownsTelemetry;
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ControllerDatabase(string databasePath, ILoggerFactory? loggerFactory, ControllerTelemetry? telemetry, TimeProvider? time)
    {
        DatabasePath = databasePath;
        _store = new RelationalStore<ControllerDbContext>(new SqliteStoreProvider(databasePath), options => new ControllerDbContext(options));
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("DistributedCloud.Controller.Store");
        _ownsTelemetry = telemetry is null;
        Telemetry = telemetry ?? new ControllerTelemetry();
        Time = time ?? TimeProvider.System;
    }

    public string DatabasePath { get; }

    public ControllerTelemetry Telemetry { get; }

    public TimeProvider Time { get; }

    internal ILogger Logger => _logger;

    /// <summary>Completes once the store is open: background work and message consumers wait for it.</summary>
    public Task WhenOpen => _opened.Task;

    public bool IsOpen => _opened.Task.IsCompletedSuccessfully;

    /// <summary>
    /// The store of <paramref name="databasePath"/>, not yet opened: nothing touches the file until
    /// <see cref="OpenAsync(CancellationToken)"/>, so a host can be composed (and fail to start) without creating it.
    /// </summary>
    public static ControllerDatabase Create(string databasePath, ILoggerFactory? loggerFactory = null, ControllerTelemetry? telemetry = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return new ControllerDatabase(databasePath, loggerFactory, telemetry, time);
    }

    /// <summary>Creates and opens (creating or migrating) the file, in WAL mode, with the <c>Default</c> group (D-10).</summary>
    public static async Task<ControllerDatabase> OpenAsync(
        string databasePath,
        ILoggerFactory? loggerFactory = null,
        ControllerTelemetry? telemetry = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        var database = Create(databasePath, loggerFactory, telemetry, time);
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>Opens (creating or migrating) the file, in WAL mode, with the <c>Default</c> group (D-10).</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using (var context = NewContext())
        {
            if (!await context.Groups.AnyAsync(g => g.Id == SubcloudGroupRules.DefaultId, cancellationToken).ConfigureAwait(false))
            {
                context.Groups.Add(RecordMapping.ToRecord(SubcloudGroupRules.Default));
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        _logger.StoreReady(DatabasePath);
        _opened.TrySetResult();
    }

    internal ControllerDbContext NewContext() => _store.NewContext();

    /// <summary>Runs a command in one transaction; commits only when it returns.</summary>
    internal async Task<T> CommandAsync<T>(string name, Func<ControllerDbContext, Task<T>> body, CancellationToken cancellationToken)
    {
        using var activity = ControllerTelemetry.ActivitySource.StartActivity(name);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            var result = await _store.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            _logger.CommandDone(name);
            return result;
        }
        catch (DomainException ex)
        {
            outcome = "refused";
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            _logger.CommandRefused(name, ex.Message);
            throw;
        }
        catch
        {
            outcome = "failed";
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            Telemetry.Commands.Add(1, new("command", name), new("outcome", outcome));
            Telemetry.CommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("command", name));
        }
    }

    internal Task<T> ReadAsync<T>(Func<ControllerDbContext, Task<T>> body, CancellationToken cancellationToken) =>
        _store.ReadAsync(body, cancellationToken);

    /// <summary>
    /// A write that is not an operator's command (the audit log's appends and its retention): one transaction like a
    /// command, without the command's log line and metrics, which would double every audited call.
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<ControllerDbContext, Task<T>> body, CancellationToken cancellationToken) =>
        _store.WriteAsync(body, cancellationToken);

    public void Dispose()
    {
        if (_ownsTelemetry)
        {
            Telemetry.Dispose();
        }
    }
}
