using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>
/// Counterparty ↔ company links, the review list, the stage map, deal ↔ order links, the robot's company queue and
/// the inbox of parsed sale files waiting for the Bitrix24 step. Hand-written; provider-neutral column types.
/// </summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129180000_OneCCounterpartiesAndDeals")]
public sealed class OneCCounterpartiesAndDeals : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "onec_counterparty_links",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                onec_id = table.Column<string>(maxLength: 200, nullable: false),
                company_id = table.Column<long>(nullable: false),
                requisite_id = table.Column<long>(nullable: true),
                card_hash = table.Column<string>(maxLength: 64, nullable: false),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_counterparty_links", x => new { x.member_id, x.onec_id }));
        migrationBuilder.CreateIndex("ix_onec_counterparty_links_company", "onec_counterparty_links", ["member_id", "company_id"]);

        migrationBuilder.CreateTable(
            name: "onec_review",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                subject = table.Column<string>(maxLength: 32, nullable: false),
                onec_id = table.Column<string>(maxLength: 200, nullable: false),
                reason_code = table.Column<string>(maxLength: 64, nullable: false),
                reason = table.Column<string>(nullable: false),
                payload = table.Column<string>(nullable: false),
                first_seen_at = table.Column<long>(nullable: false),
                last_seen_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_review", x => new { x.member_id, x.subject, x.onec_id }));

        migrationBuilder.CreateTable(
            name: "onec_stage_map",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                onec_status = table.Column<string>(maxLength: 200, nullable: false),
                category_id = table.Column<long>(nullable: false),
                stage_id = table.Column<string>(maxLength: 64, nullable: false),
                send_to_onec = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_stage_map", x => new { x.member_id, x.onec_status }));

        migrationBuilder.CreateTable(
            name: "onec_deal_links",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                deal_id = table.Column<long>(nullable: false),
                order_number = table.Column<string>(maxLength: 11, nullable: false),
                onec_number = table.Column<string>(maxLength: 64, nullable: true),
                category_id = table.Column<long>(nullable: true),
                queued_at = table.Column<long>(nullable: true),
                snapshot = table.Column<string>(nullable: true),
                confirmed_at = table.Column<long>(nullable: true),
                state_hash = table.Column<string>(maxLength: 64, nullable: true),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_deal_links", x => new { x.member_id, x.deal_id }));
        migrationBuilder.CreateIndex("ix_onec_deal_links_number", "onec_deal_links", ["member_id", "order_number"], unique: true);

        migrationBuilder.CreateTable(
            name: "onec_company_queue",
            columns: table => new
            {
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                company_id = table.Column<long>(nullable: false),
                queued_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_onec_company_queue", x => new { x.member_id, x.company_id }));

        migrationBuilder.CreateTable(
            name: "onec_sale_inbox",
            columns: table => new
            {
                id = table.Column<string>(maxLength: 64, nullable: false),
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                source = table.Column<string>(maxLength: 500, nullable: false),
                payload = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
                attempts = table.Column<int>(nullable: false),
                next_attempt_at = table.Column<long>(nullable: false),
                last_error = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_onec_sale_inbox", x => x.id));
        migrationBuilder.CreateIndex("ix_onec_sale_inbox_member_next", "onec_sale_inbox", ["member_id", "next_attempt_at"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("onec_sale_inbox");
        migrationBuilder.DropTable("onec_company_queue");
        migrationBuilder.DropTable("onec_deal_links");
        migrationBuilder.DropTable("onec_stage_map");
        migrationBuilder.DropTable("onec_review");
        migrationBuilder.DropTable("onec_counterparty_links");
    }
}
