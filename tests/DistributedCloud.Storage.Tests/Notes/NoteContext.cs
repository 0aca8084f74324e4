using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Storage.Tests.Notes;

/// <summary>A one-table store to exercise the foundation with, with its own migration and snapshot.</summary>
public sealed class NoteContext(DbContextOptions<NoteContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Note>(e =>
        {
            e.ToTable("notes");
            e.HasKey(x => x.Name);
        });
}

public sealed class Note
{
    public string Name { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;
}
