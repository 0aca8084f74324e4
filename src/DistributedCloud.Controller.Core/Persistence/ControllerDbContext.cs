using DistributedCloud.Controller.Core.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Controller.Core.Persistence;

/// <summary>The controller's store: one SQLite file in its data directory. The schema comes from migrations.</summary>
internal sealed class ControllerDbContext : DbContext
{
    public ControllerDbContext(DbContextOptions<ControllerDbContext> options)
        : base(options)
    {
    }

    public DbSet<SubcloudRecord> Subclouds => Set<SubcloudRecord>();

    public DbSet<SubcloudGroupRecord> Groups => Set<SubcloudGroupRecord>();

    public DbSet<AlarmRecord> Alarms => Set<AlarmRecord>();

    public DbSet<StrategyRecord> Strategies => Set<StrategyRecord>();

    public DbSet<StrategySubcloudRecord> StrategySubclouds => Set<StrategySubcloudRecord>();

    public DbSet<WorkflowRecord> Workflows => Set<WorkflowRecord>();

    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    public DbSet<AdminTokenRecord> AdminTokens => Set<AdminTokenRecord>();

    public DbSet<AuditEventRecord> AuditEvents => Set<AuditEventRecord>();
    public DbSet<SubcloudCredentialRecord> SubcloudCredentials => Set<SubcloudCredentialRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SubcloudRecord>(e =>
        {
            e.ToTable("subclouds");
            e.HasKey(x => x.Name);
            e.HasIndex(x => x.Region).IsUnique();
            e.HasIndex(x => x.GroupName);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<SubcloudGroupRecord>(e =>
        {
            e.ToTable("subcloud_groups");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.Name).IsUnique();
        });
        modelBuilder.Entity<AlarmRecord>(e =>
        {
            e.ToTable("alarms");
            e.HasKey(x => new { x.AlarmId, x.Entity });
        });
        modelBuilder.Entity<StrategyRecord>(e =>
        {
            e.ToTable("strategies");
            e.HasKey(x => x.Id);
        });
        modelBuilder.Entity<StrategySubcloudRecord>(e =>
        {
            e.ToTable("strategy_subclouds");
            e.HasKey(x => new { x.StrategyId, x.Subcloud });
        });
        modelBuilder.Entity<WorkflowRecord>(e =>
        {
            e.ToTable("workflows");
            e.HasKey(x => x.OperationId);
            e.HasIndex(x => x.State);
        });
        modelBuilder.Entity<OutboxRecord>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.PublishedAt);
            e.HasIndex(x => x.OperationId);
        });
        modelBuilder.Entity<AdminTokenRecord>(e =>
        {
            e.ToTable("admin_tokens");
            e.HasKey(x => x.Name);
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
        modelBuilder.Entity<AuditEventRecord>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Time);
            e.HasIndex(x => x.Identity);
            e.HasIndex(x => x.Target);
        });
        modelBuilder.Entity<SubcloudCredentialRecord>(e =>
        {
            e.ToTable("subcloud_credentials");
            e.HasKey(x => x.Subcloud);
            e.HasIndex(x => x.JoinTokenId).IsUnique();
        });
    }
}
