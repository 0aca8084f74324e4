using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DistributedCloud.Site.Persistence.Migrations;

/// <summary>The first schema: the site, its pools, networks, assignments, hosts, addresses, alarms, operations, pods.</summary>
[DbContext(typeof(SiteDbContext))]
[Migration("20260101000000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "alarms",
            columns: table => new
            {
                Uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                AlarmId = table.Column<string>(type: "TEXT", nullable: false),
                EntityInstanceId = table.Column<string>(type: "TEXT", nullable: false),
                RaisedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                ReasonText = table.Column<string>(type: "TEXT", nullable: false),
                RepairAction = table.Column<string>(type: "TEXT", nullable: false),
                Severity = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_alarms", x => x.Uuid));

        migrationBuilder.CreateTable(
            name: "network_address_pools",
            columns: table => new
            {
                Uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                NetworkUuid = table.Column<Guid>(type: "TEXT", nullable: false),
                PoolUuid = table.Column<Guid>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_network_address_pools", x => x.Uuid));

        migrationBuilder.CreateTable(
            name: "host_addresses",
            columns: table => new
            {
                HostName = table.Column<string>(type: "TEXT", nullable: false),
                PoolUuid = table.Column<Guid>(type: "TEXT", nullable: false),
                Address = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_host_addresses", x => new { x.HostName, x.PoolUuid }));

        migrationBuilder.CreateTable(
            name: "hosts",
            columns: table => new
            {
                Uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                Administrative = table.Column<string>(type: "TEXT", nullable: false),
                Availability = table.Column<string>(type: "TEXT", nullable: false),
                ConfigApplied = table.Column<string>(type: "TEXT", nullable: true),
                ConfigTarget = table.Column<string>(type: "TEXT", nullable: true),
                Id = table.Column<int>(type: "INTEGER", nullable: false),
                LastFailure = table.Column<string>(type: "TEXT", nullable: true),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Operational = table.Column<string>(type: "TEXT", nullable: false),
                Personality = table.Column<string>(type: "TEXT", nullable: false),
                RebootRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                Role = table.Column<string>(type: "TEXT", nullable: false),
                RunningAction = table.Column<string>(type: "TEXT", nullable: true),
                Task = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_hosts", x => x.Uuid));

        migrationBuilder.CreateTable(
            name: "networks",
            columns: table => new
            {
                Uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                Type = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_networks", x => x.Uuid));

        migrationBuilder.CreateTable(
            name: "host_operations",
            columns: table => new
            {
                OperationId = table.Column<string>(type: "TEXT", nullable: false),
                Action = table.Column<string>(type: "TEXT", nullable: false),
                FinishedAt = table.Column<DateTimeOffset?>(type: "TEXT", nullable: true),
                Force = table.Column<bool>(type: "INTEGER", nullable: false),
                HostName = table.Column<string>(type: "TEXT", nullable: false),
                Message = table.Column<string>(type: "TEXT", nullable: true),
                StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                State = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_host_operations", x => x.OperationId));

        migrationBuilder.CreateTable(
            name: "pods",
            columns: table => new
            {
                Name = table.Column<string>(type: "TEXT", nullable: false),
                DualStack = table.Column<bool>(type: "INTEGER", nullable: false),
                StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_pods", x => x.Name));

        migrationBuilder.CreateTable(
            name: "address_pools",
            columns: table => new
            {
                Uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                Controller0Address = table.Column<string>(type: "TEXT", nullable: true),
                Controller1Address = table.Column<string>(type: "TEXT", nullable: true),
                FloatingAddress = table.Column<string>(type: "TEXT", nullable: true),
                GatewayAddress = table.Column<string>(type: "TEXT", nullable: true),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                NetworkAddress = table.Column<string>(type: "TEXT", nullable: false),
                Order = table.Column<string>(type: "TEXT", nullable: false),
                Position = table.Column<int>(type: "INTEGER", nullable: false),
                Prefix = table.Column<int>(type: "INTEGER", nullable: false),
                Ranges = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_address_pools", x => x.Uuid));

        migrationBuilder.CreateTable(
            name: "site",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false),
                BootstrapDigest = table.Column<string>(type: "TEXT", nullable: false),
                ConfigGeneration = table.Column<long>(type: "INTEGER", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                DnsServers = table.Column<string>(type: "TEXT", nullable: false),
                KubernetesDualStack = table.Column<bool>(type: "INTEGER", nullable: false),
                Mode = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: true),
                Release = table.Column<string>(type: "TEXT", nullable: true),
                SystemUuid = table.Column<Guid>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_site", x => x.Id));

        migrationBuilder.CreateIndex(
            name: "IX_network_address_pools_PoolUuid",
            table: "network_address_pools",
            column: "PoolUuid",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_hosts_Name",
            table: "hosts",
            column: "Name",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_networks_Type",
            table: "networks",
            column: "Type",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_host_operations_State",
            table: "host_operations",
            column: "State");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "alarms");
        migrationBuilder.DropTable(name: "network_address_pools");
        migrationBuilder.DropTable(name: "host_addresses");
        migrationBuilder.DropTable(name: "hosts");
        migrationBuilder.DropTable(name: "networks");
        migrationBuilder.DropTable(name: "host_operations");
        migrationBuilder.DropTable(name: "pods");
        migrationBuilder.DropTable(name: "address_pools");
        migrationBuilder.DropTable(name: "site");
    }
}
