using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>
/// Hand-written (the EF design-time package does not restore here). Column types are left to the provider's
/// mapping of the CLR type, so one migration serves SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261122090000_OneCInitialSchema")]
public sealed class OneCInitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "onec_credentials",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                login = table.Column<string>(maxLength: 64, nullable: false),
                password_hash = table.Column<string>(maxLength: 128, nullable: false),
                password_salt = table.Column<string>(maxLength: 64, nullable: false),
                iterations = table.Column<int>(nullable: false),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_credentials", x => x.member_id));
        migrationBuilder.CreateIndex("ix_onec_credentials_login", "onec_credentials", "login", unique: true);

        migrationBuilder.CreateTable(
            name: "onec_sessions",
            columns: table => new
            {
                id = table.Column<string>(maxLength: 64, nullable: false),
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                exchange_type = table.Column<string>(maxLength: 16, nullable: false),
                sessid = table.Column<string>(maxLength: 64, nullable: false),
                created_at = table.Column<long>(nullable: false),
                last_seen_at = table.Column<long>(nullable: false),
                protocol_version = table.Column<string>(maxLength: 16, nullable: true),
                journal_id = table.Column<string>(maxLength: 64, nullable: false),
                pending_export = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_onec_sessions", x => x.id));
        migrationBuilder.CreateIndex("ix_onec_sessions_member_id", "onec_sessions", "member_id");

        migrationBuilder.CreateTable(
            name: "onec_journal",
            columns: table => new
            {
                id = table.Column<string>(maxLength: 64, nullable: false),
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                session_id = table.Column<string>(maxLength: 64, nullable: false),
                exchange_type = table.Column<string>(maxLength: 16, nullable: false),
                started_at = table.Column<long>(nullable: false),
                finished_at = table.Column<long>(nullable: true),
                status = table.Column<string>(maxLength: 16, nullable: false),
                files = table.Column<string>(nullable: false),
                products = table.Column<int>(nullable: false),
                offers = table.Column<int>(nullable: false),
                prices = table.Column<int>(nullable: false),
                stocks = table.Column<int>(nullable: false),
                documents = table.Column<int>(nullable: false),
                counterparties = table.Column<int>(nullable: false),
                changes = table.Column<int>(nullable: false),
                errors = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_onec_journal", x => x.id));
        migrationBuilder.CreateIndex("ix_onec_journal_member_started", "onec_journal", ["member_id", "started_at"]);

        migrationBuilder.CreateTable(
            name: "onec_stock",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                offer_id = table.Column<string>(maxLength: 200, nullable: false),
                product_id = table.Column<string>(maxLength: 200, nullable: false),
                warehouse_id = table.Column<string>(maxLength: 200, nullable: false),
                quantity = table.Column<decimal>(nullable: false),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_stock", x => new { x.member_id, x.offer_id, x.warehouse_id }));
        migrationBuilder.CreateIndex("ix_onec_stock_member_product", "onec_stock", ["member_id", "product_id"]);

        migrationBuilder.CreateTable(
            name: "onec_prices",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                offer_id = table.Column<string>(maxLength: 200, nullable: false),
                product_id = table.Column<string>(maxLength: 200, nullable: false),
                price_type_id = table.Column<string>(maxLength: 200, nullable: false),
                price = table.Column<decimal>(nullable: false),
                currency = table.Column<string>(maxLength: 16, nullable: true),
                unit = table.Column<string>(maxLength: 32, nullable: true),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_prices", x => new { x.member_id, x.offer_id, x.price_type_id }));
        migrationBuilder.CreateIndex("ix_onec_prices_member_product", "onec_prices", ["member_id", "product_id"]);

        migrationBuilder.CreateTable(
            name: "onec_price_types",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                id = table.Column<string>(maxLength: 200, nullable: false),
                name = table.Column<string>(maxLength: 255, nullable: false),
                currency = table.Column<string>(maxLength: 16, nullable: true),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_price_types", x => new { x.member_id, x.id }));

        migrationBuilder.CreateTable(
            name: "onec_warehouses",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                id = table.Column<string>(maxLength: 200, nullable: false),
                name = table.Column<string>(maxLength: 255, nullable: false),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_warehouses", x => new { x.member_id, x.id }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "onec_warehouses", "onec_price_types", "onec_prices", "onec_stock", "onec_journal", "onec_sessions", "onec_credentials" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
