using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>
/// Hand-written: <c>exchange_type</c> was varchar(16), too short for the background rows the connector journals
/// ("odata-counterparties", "bitrix24-catalogue"). PostgreSQL refused those inserts, so scheduled OData pulls failed
/// before they started; SQLite does not enforce lengths, which is why only PostgreSQL showed it. Widened to 64 there;
/// on SQLite the declared length is only a comment and an ALTER would need a table rebuild, so nothing is done.
/// </summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129200000_OneCWiderExchangeType")]
public sealed class OneCWiderExchangeType : Migration
{
    private static readonly string[] Tables = ["onec_sessions", "onec_journal", "onec_failed_files"];

    protected override void Up(MigrationBuilder migrationBuilder) => Resize(migrationBuilder, from: 16, to: 64);

    protected override void Down(MigrationBuilder migrationBuilder) => Resize(migrationBuilder, from: 64, to: 16);

    private static void Resize(MigrationBuilder migrationBuilder, int from, int to)
    {
        if (migrationBuilder.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            return;
        }
        foreach (var table in Tables)
        {
            migrationBuilder.AlterColumn<string>(name: "exchange_type", table: table, maxLength: to, nullable: false,
                oldClrType: typeof(string), oldMaxLength: from, oldNullable: false);
        }
    }
}
