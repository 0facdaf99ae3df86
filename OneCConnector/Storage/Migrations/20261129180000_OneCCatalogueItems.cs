using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>Hand-written: the catalogue mapping's state (what 1C said, what Bitrix24 has, the link between them).</summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129180000_OneCCatalogueItems")]
public sealed class OneCCatalogueItems : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "onec_catalogue_items",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                kind = table.Column<string>(maxLength: 16, nullable: false),
                item_key = table.Column<string>(maxLength: 300, nullable: false),
                bitrix_id = table.Column<long>(nullable: true),
                desired = table.Column<string>(nullable: false),
                desired_hash = table.Column<string>(maxLength: 64, nullable: false),
                pushed_hash = table.Column<string>(maxLength: 64, nullable: true),
                attempts = table.Column<int>(nullable: false),
                last_error = table.Column<string>(nullable: true),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_catalogue_items", x => new { x.member_id, x.kind, x.item_key }));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("onec_catalogue_items");
}
