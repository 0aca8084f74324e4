using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DistributedCloud.Site.Persistence.Migrations;

/// <summary>Network changes applied by operation id (ApplyNetworkChange), kept for replay.</summary>
[DbContext(typeof(SiteDbContext))]
[Migration("20260201000000_NetworkChanges")]
public sealed class NetworkChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "network_changes",
            columns: table => new
            {
                OperationId = table.Column<string>(type: "TEXT", nullable: false),
                AppliedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                Outcome = table.Column<string>(type: "TEXT", nullable: false),
                StepsDigest = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_network_changes", x => x.OperationId));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "network_changes");
    }
}
