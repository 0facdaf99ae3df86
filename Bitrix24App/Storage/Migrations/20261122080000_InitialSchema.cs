using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace WineB24.Bitrix24App.Storage.Migrations;

/// <summary>
/// Hand-written (the EF design-time package does not restore here). Column types are left to the provider's
/// mapping of the CLR type so one migration serves SQLite and PostgreSQL; each provider ignores the other's
/// identity annotation.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122080000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "portals",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                domain = table.Column<string>(maxLength: 255, nullable: false),
                client_endpoint = table.Column<string>(maxLength: 512, nullable: false),
                language = table.Column<string>(maxLength: 8, nullable: false),
                app_version = table.Column<int>(nullable: true),
                app_status = table.Column<string>(maxLength: 8, nullable: true),
                license = table.Column<string>(maxLength: 64, nullable: true),
                license_family = table.Column<string>(maxLength: 64, nullable: true),
                installed = table.Column<bool>(nullable: false),
                needs_attention_code = table.Column<string>(maxLength: 64, nullable: true),
                needs_attention_description = table.Column<string>(nullable: true),
                installed_at = table.Column<long>(nullable: false),
                updated_at = table.Column<long>(nullable: false),
                access_token_sealed = table.Column<string>(nullable: true),
                refresh_token_sealed = table.Column<string>(nullable: true),
                access_token_expires_at = table.Column<long>(nullable: true),
                application_token_sealed = table.Column<string>(nullable: true),
                token_version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_portals", x => x.member_id));

        migrationBuilder.CreateTable(
            name: "inbound_events",
            columns: table => new
            {
                id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                event_name = table.Column<string>(maxLength: 128, nullable: false),
                data_json = table.Column<string>(nullable: false),
                received_at = table.Column<long>(nullable: false),
                from_offline_queue = table.Column<bool>(nullable: false),
                status = table.Column<string>(maxLength: 16, nullable: false),
                attempts = table.Column<int>(nullable: false),
                last_error = table.Column<string>(nullable: true),
                processed_at = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_inbound_events", x => x.id));

        migrationBuilder.CreateIndex(
            name: "ix_inbound_events_member_id_status",
            table: "inbound_events",
            columns: ["member_id", "status"]);

        migrationBuilder.CreateTable(
            name: "portal_registrations",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                kind = table.Column<string>(maxLength: 16, nullable: false),
                key = table.Column<string>(maxLength: 255, nullable: false),
                handler = table.Column<string>(nullable: true),
                error = table.Column<string>(nullable: true),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_portal_registrations", x => new { x.member_id, x.kind, x.key }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "portal_registrations");
        migrationBuilder.DropTable(name: "inbound_events");
        migrationBuilder.DropTable(name: "portals");
    }
}
