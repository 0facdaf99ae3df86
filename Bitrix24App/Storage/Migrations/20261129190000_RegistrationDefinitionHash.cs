using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.Bitrix24App.Storage.Migrations;

/// <summary>
/// Hand-written: <c>portal_registrations.definition_hash</c>, the fingerprint of the definition each registration
/// was converged to, so a converge can skip re-sending robots whose definition and handler are unchanged. Rows from
/// before have none, so the first converge after the upgrade sends everything once (the old behaviour) and stores it.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261129190000_RegistrationDefinitionHash")]
public sealed class RegistrationDefinitionHashMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.AddColumn<string>(name: "definition_hash", table: "portal_registrations", maxLength: 64, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropColumn(name: "definition_hash", table: "portal_registrations");
}
