using DistributedCloud.Site.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Site.Persistence;

/// <summary>The site's store: one SQLite file in the data directory (D-22). The schema comes from migrations.</summary>
internal sealed class SiteDbContext : DbContext
{
    public SiteDbContext(DbContextOptions<SiteDbContext> options)
        : base(options)
    {
    }

    public DbSet<SiteRecord> Sites => Set<SiteRecord>();

    public DbSet<PoolRecord> Pools => Set<PoolRecord>();

    public DbSet<NetworkRecord> Networks => Set<NetworkRecord>();

    public DbSet<AssignmentRecord> Assignments => Set<AssignmentRecord>();

    public DbSet<HostRecord> Hosts => Set<HostRecord>();

    public DbSet<HostAddressRecord> HostAddresses => Set<HostAddressRecord>();

    public DbSet<AlarmRecord> Alarms => Set<AlarmRecord>();

    public DbSet<OperationRecord> Operations => Set<OperationRecord>();

    public DbSet<PodRecord> Pods => Set<PodRecord>();

    public DbSet<NetworkChangeRecord> NetworkChanges => Set<NetworkChangeRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SiteRecord>(e =>
        {
            e.ToTable("site");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<PoolRecord>(e =>
        {
            e.ToTable("address_pools");
            e.HasKey(x => x.Uuid);
        });
        modelBuilder.Entity<NetworkRecord>(e =>
        {
            e.ToTable("networks");
            e.HasKey(x => x.Uuid);
            e.HasIndex(x => x.Type).IsUnique();
        });
        modelBuilder.Entity<AssignmentRecord>(e =>
        {
            e.ToTable("network_address_pools");
            e.HasKey(x => x.Uuid);
            e.HasIndex(x => x.PoolUuid).IsUnique();
        });
        modelBuilder.Entity<HostRecord>(e =>
        {
            e.ToTable("hosts");
            e.HasKey(x => x.Uuid);
            e.HasIndex(x => x.Name).IsUnique();
        });
        modelBuilder.Entity<HostAddressRecord>(e =>
        {
            e.ToTable("host_addresses");
            e.HasKey(x => new { x.HostName, x.PoolUuid });
        });
        modelBuilder.Entity<AlarmRecord>(e =>
        {
            e.ToTable("alarms");
            e.HasKey(x => x.Uuid);
        });
        modelBuilder.Entity<OperationRecord>(e =>
        {
            e.ToTable("host_operations");
            e.HasKey(x => x.OperationId);
            e.HasIndex(x => x.State);
        });
        modelBuilder.Entity<PodRecord>(e =>
        {
            e.ToTable("pods");
            e.HasKey(x => x.Name);
        });
        modelBuilder.Entity<NetworkChangeRecord>(e =>
        {
            e.ToTable("network_changes");
            e.HasKey(x => x.OperationId);
        });
    }
}
