using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>
/// Hand-written: the sale inbox asks on every pass which portals have sessions still waiting for Bitrix24; without an
/// index that read scanned the whole journal of every portal.
/// </summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129223000_OneCJournalAwaitingIndex")]
public sealed class OneCJournalAwaitingIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "ix_onec_journal_awaiting", table: "onec_journal", columns: ["awaiting_bitrix24", "member_id"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: "ix_onec_journal_awaiting", table: "onec_journal");
}
