using DistributedCloud.Storage.Sqlite;
using DistributedCloud.Storage.Tests.Notes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Storage.Tests;

/// <summary>The store foundation on SQLite: migrate, WAL, one writer at a time, rollback, a damaged file.</summary>
public sealed class RelationalStoreTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _directory = new("dc-storage-tests");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private static RelationalStore<NoteContext> Store(string path) => new(new SqliteStoreProvider(path), options => new NoteContext(options));

    private static Task<int> CountAsync(RelationalStore<NoteContext> store) => store.ReadAsync(c => c.Notes.CountAsync(), CancellationToken.None);

    private static Task<bool> AddAsync(RelationalStore<NoteContext> store, string name) =>
        store.WriteAsync(c =>
        {
            c.Notes.Add(new Note { Name = name, Text = name });
            return Task.FromResult(true);
        }, CancellationToken.None);

    [Fact]
    public async Task Migrating_a_store_that_does_not_exist_creates_its_directory_and_file_with_every_migration()
    {
        var path = _directory.PathOf(Path.Combine("not", "yet", "notes.db"));
        var store = Store(path);

        Assert.Equal([CreateNotes.Id], await store.PendingMigrationsAsync(CancellationToken.None));
        Assert.Equal([CreateNotes.Id], await store.MigrateAsync(CancellationToken.None));

        Assert.True(File.Exists(path));
        Assert.Empty(await store.MigrateAsync(CancellationToken.None));
        Assert.Empty(await store.PendingMigrationsAsync(CancellationToken.None));
        await using var context = store.NewContext();
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Migrating_an_empty_file_applies_every_migration()
    {
        var path = _directory.Write("notes.db", string.Empty);
        var store = Store(path);

        Assert.Equal([CreateNotes.Id], await store.MigrateAsync(CancellationToken.None));

        await AddAsync(store, "first");
        Assert.Equal(1, await CountAsync(store));
    }

    [Fact]
    public async Task A_migrated_store_journals_in_wal_mode()
    {
        var path = _directory.PathOf("notes.db");
        await Store(path).MigrateAsync(CancellationToken.None);

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    [Fact]
    public async Task Without_migrate_a_store_behind_its_schema_is_refused_with_the_callers_error_until_it_is_migrated()
    {
        var store = Store(_directory.PathOf("notes.db"));
        static Exception Behind(IReadOnlyList<string> pending) => new InvalidOperationException("run --migrate: " + string.Join(", ", pending));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.OpenAsync(migrate: false, Behind, CancellationToken.None));
        Assert.Equal($"run --migrate: {CreateNotes.Id}", refused.Message);

        Assert.Equal([CreateNotes.Id], await store.OpenAsync(migrate: true, Behind, CancellationToken.None));
        Assert.Empty(await store.OpenAsync(migrate: false, Behind, CancellationToken.None));
    }

    [Fact]
    public async Task A_second_writer_waits_for_the_first_rather_than_failing()
    {
        var store = Store(_directory.PathOf("notes.db"));
        await store.MigrateAsync(CancellationToken.None);
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<string>();

        var first = store.WriteAsync(async c =>
        {
            c.Notes.Add(new Note { Name = "first", Text = "1" });
            await c.SaveChangesAsync();
            writing.SetResult();
            await release.Task;
            order.Add("first");
            return true;
        }, CancellationToken.None);
        await writing.Task.WaitAsync(Patience);
        var second = store.WriteAsync(c =>
        {
            order.Add("second");
            c.Notes.Add(new Note { Name = "second", Text = "2" });
            return Task.FromResult(true);
        }, CancellationToken.None);

        await Task.Delay(300);
        Assert.False(second.IsCompleted);
        release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(Patience);

        Assert.Equal(["first", "second"], order);
        Assert.Equal(2, await CountAsync(store));
    }

    [Fact]
    public async Task A_writer_of_another_process_waits_for_the_file_lock_rather_than_failing()
    {
        // Two stores on one file stand for two processes: each has its own writer gate, so only SQLite's lock and
        // the busy timeout keep the second from failing with SQLITE_BUSY.
        var path = _directory.PathOf("notes.db");
        var one = Store(path);
        var other = Store(path);
        await one.MigrateAsync(CancellationToken.None);
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = one.WriteAsync(async c =>
        {
            c.Notes.Add(new Note { Name = "first", Text = "1" });
            await c.SaveChangesAsync();
            writing.SetResult();
            await release.Task;
            return true;
        }, CancellationToken.None);
        await writing.Task.WaitAsync(Patience);
        var second = Task.Run(() => AddAsync(other, "second"));

        await Task.Delay(500);
        Assert.False(second.IsCompleted);
        release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(Patience);

        Assert.Equal(2, await CountAsync(other));
    }

    [Fact]
    public async Task A_refused_write_rolls_back_whole_and_the_next_writer_goes_on()
    {
        var path = _directory.PathOf("notes.db");
        var store = Store(path);
        await store.MigrateAsync(CancellationToken.None);
        await AddAsync(store, "kept");
        var before = SqliteDump.Of(path);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<bool>(async c =>
        {
            c.Notes.Add(new Note { Name = "dropped", Text = "written, then refused" });
            await c.SaveChangesAsync();
            (await c.Notes.SingleAsync(n => n.Name == "kept")).Text = "changed";
            await c.SaveChangesAsync();
            throw new InvalidOperationException("refused by a rule");
        }, CancellationToken.None));

        Assert.Equal("refused by a rule", refused.Message);
        Assert.Equal(before, SqliteDump.Of(path));
        await AddAsync(store, "after").WaitAsync(Patience);
        Assert.Equal(2, await CountAsync(store));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_named_as_damaged_with_what_to_do()
    {
        var path = _directory.Write("notes.db", string.Concat(Enumerable.Repeat("not a database; ", 512)));
        var store = Store(path);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.MigrateAsync(CancellationToken.None));

        Assert.Equal(26, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode); // SQLITE_NOTADB
        Assert.StartsWith($"the SQLite store '{path}' is damaged or is not a database (", error.Message, StringComparison.Ordinal);
        Assert.Contains("restore it from a backup", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidDataException>(() => store.OpenAsync(migrate: false, _ => new InvalidOperationException(), CancellationToken.None));
    }
}
