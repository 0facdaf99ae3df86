using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>
/// Hand-written, provider-neutral like <see cref="OneCInitialSchema"/>: failed files kept for replay, the journal's
/// replay marker and last-success index, and login failure counters shared by all app instances.
/// </summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129183000_OneCFailedFilesAndLoginFailures")]
public sealed class OneCFailedFilesAndLoginFailures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "replay_of", table: "onec_journal", maxLength: 64, nullable: true);
        migrationBuilder.CreateIndex("ix_onec_journal_member_status_started", "onec_journal", ["member_id", "status", "started_at"]);

        migrationBuilder.CreateTable(
            name: "onec_failed_files",
            columns: table => new
            {
                id = table.Column<string>(maxLength: 64, nullable: false),
                member_id = table.Column<string>(maxLength: 64, nullable: false),
                session_id = table.Column<string>(maxLength: 64, nullable: false),
                journal_id = table.Column<string>(maxLength: 64, nullable: false),
                exchange_type = table.Column<string>(maxLength: 16, nullable: false),
                file_name = table.Column<string>(maxLength: 1000, nullable: false),
                failed_at = table.Column<long>(nullable: false),
                reason = table.Column<string>(nullable: false),
                bytes = table.Column<long>(nullable: false),
                kept = table.Column<bool>(nullable: false),
                status = table.Column<string>(maxLength: 16, nullable: false),
                attempts = table.Column<int>(nullable: false),
                replay_started_at = table.Column<long>(nullable: true),
                resolved_at = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_onec_failed_files", x => x.id));
        migrationBuilder.CreateIndex("ix_onec_failed_files_member_failed", "onec_failed_files", ["member_id", "failed_at"]);

        migrationBuilder.CreateTable(
            name: "onec_login_failures",
            columns: table => new
            {
                key = table.Column<string>(maxLength: 300, nullable: false),
                failures = table.Column<int>(nullable: false),
                last_failure_at = table.Column<long>(nullable: false),
                locked_until = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_onec_login_failures", x => x.key));
        migrationBuilder.CreateIndex("ix_onec_login_failures_last_failure", "onec_login_failures", "last_failure_at");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("onec_login_failures");
        migrationBuilder.DropTable("onec_failed_files");
        migrationBuilder.DropIndex("ix_onec_journal_member_status_started", "onec_journal");
        migrationBuilder.DropColumn("replay_of", "onec_journal");
    }
}
