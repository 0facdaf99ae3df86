using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>
/// Hand-written: per exchange session, what it still waits for in Bitrix24 and when its data got there, so the journal
/// shows each session's lag and a push that silently stopped shows as a growing wait.
/// </summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129210000_OneCJournalBitrix24Lag")]
public sealed class OneCJournalBitrix24Lag : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "awaiting_bitrix24", table: "onec_journal", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<long>(name: "awaiting_since", table: "onec_journal", nullable: true);
        migrationBuilder.AddColumn<long>(name: "applied_at", table: "onec_journal", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "applied_at", table: "onec_journal");
        migrationBuilder.DropColumn(name: "awaiting_since", table: "onec_journal");
        migrationBuilder.DropColumn(name: "awaiting_bitrix24", table: "onec_journal");
    }
}
