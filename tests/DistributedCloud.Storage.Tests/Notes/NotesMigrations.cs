using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DistributedCloud.Storage.Tests.Notes;

[DbContext(typeof(NoteContext))]
[Migration("20260101000000_Notes")]
public sealed class CreateNotes : Migration
{
    public const string Id = "20260101000000_Notes";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "notes",
            columns: table => new
            {
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Text = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_notes", x => x.Name));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "notes");
}

[DbContext(typeof(NoteContext))]
public sealed class NoteContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.15");

        modelBuilder.Entity("DistributedCloud.Storage.Tests.Notes.Note", b =>
        {
            b.Property<string>("Name")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Text")
                .IsRequired()
                .HasColumnType("TEXT");

            b.HasKey("Name");

            b.ToTable("notes");
        });
    }
}
