using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>
/// Hand-written: <c>onec_catalogue_push_leases</c> had become every background worker's lease, the sale inbox's rows
/// keyed <c>sale:&lt;member id&gt;</c> in its <c>member_id</c> column. It becomes <c>onec_portal_leases</c> keyed by
/// (<c>member_id</c>, <c>purpose</c>), so every row carries the bare portal id. Live leases are carried over (a worker
/// mid-run keeps its lease); the old key shape is mapped back on Down.
/// </summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129211500_OneCPortalLeases")]
public sealed class OneCPortalLeases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "onec_portal_leases",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                purpose = table.Column<string>(maxLength: 32, nullable: false),
                holder = table.Column<string>(maxLength: 128, nullable: false),
                expires_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_portal_leases", x => new { x.member_id, x.purpose }));
        // substr/LIKE/CASE read the same on SQLite and PostgreSQL; 'sale:' is 5 characters. Literal purposes, not
        // PortalLease's constants: a migration stays what it was when it shipped.
        migrationBuilder.Sql("""
            INSERT INTO onec_portal_leases (member_id, purpose, holder, expires_at)
            SELECT CASE WHEN member_id LIKE 'sale:%' THEN substr(member_id, 6) ELSE member_id END,
                   CASE WHEN member_id LIKE 'sale:%' THEN 'sale' ELSE 'catalogue' END,
                   holder, expires_at
            FROM onec_catalogue_push_leases
            """);
        migrationBuilder.DropTable("onec_catalogue_push_leases");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
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
        migrationBuilder.Sql("""
            INSERT INTO onec_catalogue_push_leases (member_id, holder, expires_at)
            SELECT CASE WHEN purpose = 'sale' THEN 'sale:' || member_id ELSE member_id END, holder, expires_at
            FROM onec_portal_leases
            WHERE purpose IN ('sale', 'catalogue')
            """);
        migrationBuilder.DropTable("onec_portal_leases");
    }
}
