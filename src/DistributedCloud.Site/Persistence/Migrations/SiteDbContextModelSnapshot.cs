using DistributedCloud.Site.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DistributedCloud.Site.Persistence.Migrations;

/// <summary>
/// The model as of the latest migration, written by hand in the form <c>dotnet ef migrations add</c> produces (the EF
/// design package does not restore here). A unit test proves it matches <see cref="SiteDbContext"/>'s model, so a
/// forgotten migration fails the build's tests.
/// </summary>
[DbContext(typeof(SiteDbContext))]
internal sealed partial class SiteDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.AlarmRecord", b =>
        {
            b.Property<Guid>("Uuid")
                .ValueGeneratedOnAdd()
                .HasColumnType("TEXT");

            b.Property<string>("AlarmId")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("EntityInstanceId")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<DateTimeOffset>("RaisedAt")
                .HasColumnType("TEXT");

            b.Property<string>("ReasonText")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("RepairAction")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Severity")
                .IsRequired()
                .HasColumnType("TEXT");

            b.HasKey("Uuid");

            b.ToTable("alarms");
        });

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.AssignmentRecord", b =>
        {
            b.Property<Guid>("Uuid")
                .ValueGeneratedOnAdd()
                .HasColumnType("TEXT");

            b.Property<bool>("IsPrimary")
                .HasColumnType("INTEGER");

            b.Property<Guid>("NetworkUuid")
                .HasColumnType("TEXT");

            b.Property<Guid>("PoolUuid")
                .HasColumnType("TEXT");

            b.HasKey("Uuid");

            b.HasIndex("PoolUuid")
                .IsUnique();

            b.ToTable("network_address_pools");
        });

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.HostAddressRecord", b =>
        {
            b.Property<string>("HostName")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<Guid>("PoolUuid")
                .HasColumnType("TEXT");

            b.Property<string>("Address")
                .IsRequired()
                .HasColumnType("TEXT");

            b.HasKey("HostName", "PoolUuid");

            b.ToTable("host_addresses");
        });

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.HostRecord", b =>
        {
            b.Property<Guid>("Uuid")
                .ValueGeneratedOnAdd()
                .HasColumnType("TEXT");

            b.Property<string>("Administrative")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Availability")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("ConfigApplied")
                .HasColumnType("TEXT");

            b.Property<string>("ConfigTarget")
                .HasColumnType("TEXT");

            b.Property<int>("Id")
                .HasColumnType("INTEGER");

            b.Property<string>("LastFailure")
                .HasColumnType("TEXT");

            b.Property<string>("Name")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Operational")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Personality")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<bool>("RebootRequired")
                .HasColumnType("INTEGER");

            b.Property<string>("Role")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("RunningAction")
                .HasColumnType("TEXT");

            b.Property<string>("Task")
                .HasColumnType("TEXT");

            b.HasKey("Uuid");

            b.HasIndex("Name")
                .IsUnique();

            b.ToTable("hosts");
        });

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.NetworkChangeRecord", b =>
        {
            b.Property<string>("OperationId")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<DateTimeOffset>("AppliedAt")
                .HasColumnType("TEXT");

            b.Property<string>("Outcome")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("StepsDigest")
                .IsRequired()
                .HasColumnType("TEXT");

            b.HasKey("OperationId");

            b.ToTable("network_changes");
        });

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.NetworkRecord", b =>
        {
            b.Property<Guid>("Uuid")
                .ValueGeneratedOnAdd()
                .HasColumnType("TEXT");

            b.Property<string>("Type")
                .IsRequired()
                .HasColumnType("TEXT");

            b.HasKey("Uuid");

            b.HasIndex("Type")
                .IsUnique();

            b.ToTable("networks");
        });

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.OperationRecord", b =>
        {
            b.Property<string>("OperationId")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Action")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<DateTimeOffset?>("FinishedAt")
                .HasColumnType("TEXT");

            b.Property<bool>("Force")
                .HasColumnType("INTEGER");

            b.Property<string>("HostName")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Message")
                .HasColumnType("TEXT");

            b.Property<DateTimeOffset>("StartedAt")
                .HasColumnType("TEXT");

            b.Property<string>("State")
                .IsRequired()
                .HasColumnType("TEXT");

            b.HasKey("OperationId");

            b.HasIndex("State");

            b.ToTable("host_operations");
        });

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.PodRecord", b =>
        {
            b.Property<string>("Name")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<bool>("DualStack")
                .HasColumnType("INTEGER");

            b.Property<DateTimeOffset>("StartedAt")
                .HasColumnType("TEXT");

            b.HasKey("Name");

            b.ToTable("pods");
        });

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.PoolRecord", b =>
        {
            b.Property<Guid>("Uuid")
                .ValueGeneratedOnAdd()
                .HasColumnType("TEXT");

            b.Property<string>("Controller0Address")
                .HasColumnType("TEXT");

            b.Property<string>("Controller1Address")
                .HasColumnType("TEXT");

            b.Property<string>("FloatingAddress")
                .HasColumnType("TEXT");

            b.Property<string>("GatewayAddress")
                .HasColumnType("TEXT");

            b.Property<string>("Name")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("NetworkAddress")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Order")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<int>("Position")
                .HasColumnType("INTEGER");

            b.Property<int>("Prefix")
                .HasColumnType("INTEGER");

            b.Property<string>("Ranges")
                .IsRequired()
                .HasColumnType("TEXT");

            b.HasKey("Uuid");

            b.ToTable("address_pools");
        });

        modelBuilder.Entity("DistributedCloud.Site.Persistence.Records.SiteRecord", b =>
        {
            b.Property<int>("Id")
                .HasColumnType("INTEGER");

            b.Property<string>("BootstrapDigest")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<long>("ConfigGeneration")
                .HasColumnType("INTEGER");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("TEXT");

            b.Property<string>("DnsServers")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<bool>("KubernetesDualStack")
                .HasColumnType("INTEGER");

            b.Property<string>("Mode")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Name")
                .HasColumnType("TEXT");

            b.Property<string>("Release")
                .HasColumnType("TEXT");

            b.Property<Guid>("SystemUuid")
                .HasColumnType("TEXT");

            b.HasKey("Id");

            b.ToTable("site");
        });
    }
}
