using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>
/// Hand-written: the stage map kept only the normalised key of a 1C status ("квыполнению"), so the settings page showed
/// the key back instead of the status the admin had typed; the text is kept beside it now.
/// </summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129220000_OneCStageMapLabels")]
public sealed class OneCStageMapLabels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "onec_status_label", table: "onec_stage_map", maxLength: 200, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "onec_status_label", table: "onec_stage_map");
}
