using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>Hand-written: per-portal OData connections (password sealed) and the receivables snapshot.</summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129180000_ODataReceivables")]
public sealed class ODataReceivables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "onec_odata_connections",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                url = table.Column<string>(maxLength: 1000, nullable: true),
                login = table.Column<string>(maxLength: 255, nullable: true),
                protected_password = table.Column<string>(nullable: true),
                configuration = table.Column<string>(maxLength: 16, nullable: true),
                receivables_every_minutes = table.Column<int>(nullable: false),
                counterparties_every_minutes = table.Column<int>(nullable: false),
                stock_every_minutes = table.Column<int>(nullable: false),
                names = table.Column<string>(nullable: true),
                auth_failed_fingerprint = table.Column<string>(maxLength: 64, nullable: true),
                auth_failed_at = table.Column<long>(nullable: true),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_odata_connections", x => x.member_id));

        migrationBuilder.CreateTable(
            name: "onec_receivables",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                counterparty_id = table.Column<string>(maxLength: 64, nullable: false),
                debt = table.Column<decimal>(nullable: false),
                overdue = table.Column<decimal>(nullable: false),
                overdue_since = table.Column<string>(maxLength: 10, nullable: true),
                credit_limit = table.Column<decimal>(nullable: true),
                values_hash = table.Column<string>(maxLength: 128, nullable: false),
                pushed_hash = table.Column<string>(maxLength: 128, nullable: true),
                company_id = table.Column<long>(nullable: true),
                as_of = table.Column<long>(nullable: false),
                changed_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_receivables", x => new { x.member_id, x.counterparty_id }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("onec_receivables");
        migrationBuilder.DropTable("onec_odata_connections");
    }
}
