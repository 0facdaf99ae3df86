using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WineB24.OneCConnector.Storage.Migrations;

/// <summary>
/// Hand-written: which phones/e-mails on a linked company are 1C's (JSON, see <c>Counterparties/OwnedContacts</c>),
/// so a number 1C changes or drops is changed or deleted instead of piling up. Null on existing links: their
/// ownership is taken from the company at the next change of the card.
/// </summary>
[DbContext(typeof(OneCDbContext))]
[Migration("20261129211500_OneCCounterpartyContactsOwned")]
public sealed class OneCCounterpartyContactsOwned : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "contacts_owned", table: "onec_counterparty_links", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "contacts_owned", table: "onec_counterparty_links");
}
