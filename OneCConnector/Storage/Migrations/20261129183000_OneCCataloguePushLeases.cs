using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>Hand-written: one catalogue pusher per portal across app instances.</summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129183000_OneCCataloguePushLeases")]
public sealed class OneCCataloguePushLeases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "onec_catalogue_push_leases",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                holder = table.Column<string>(maxLength: 128, nullable: false),
                expires_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_catalogue_push_leases", x => x.member_id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("onec_catalogue_push_leases");
}
