using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.Bitrix24App.Storage.Migrations;

/// <summary>
/// Hand-written: the portal's plan (<c>standard</c>/<c>enterprise</c>, which decides its REST limits) and when app.info
/// last reported it. Rows installed before this migration get the plan their stored licence implies (same rule as
/// <c>Portals/PortalPlan</c>: LICENSE_FAMILY <c>ent</c> or a LICENSE containing <c>_ent</c> or starting with <c>ent</c>).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261129180000_PortalPlan")]
public sealed class PortalPlanMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "plan", table: "portals", maxLength: 16, nullable: true);
        migrationBuilder.AddColumn<long>(name: "plan_read_at", table: "portals", nullable: true);
        // Portable SQL (SQLite and PostgreSQL); the backslash escapes LIKE's single-character wildcard.
        migrationBuilder.Sql("""
            UPDATE portals SET plan = CASE
                WHEN lower(coalesce(license_family, '')) = 'ent'
                  OR lower(coalesce(license, '')) LIKE '%\_ent%' ESCAPE '\'
                  OR lower(coalesce(license, '')) LIKE 'ent%'
                THEN 'enterprise' ELSE 'standard' END
            WHERE license IS NOT NULL OR license_family IS NOT NULL
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "plan_read_at", table: "portals");
        migrationBuilder.DropColumn(name: "plan", table: "portals");
    }
}
