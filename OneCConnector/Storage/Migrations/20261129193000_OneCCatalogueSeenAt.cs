using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>Hand-written: when 1C last listed a catalogue item, so a full snapshot can deactivate what it left out.</summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129193000_OneCCatalogueSeenAt")]
public sealed class OneCCatalogueSeenAt : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<long>(name: "seen_at", table: "onec_catalogue_items", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "seen_at", table: "onec_catalogue_items");
}
