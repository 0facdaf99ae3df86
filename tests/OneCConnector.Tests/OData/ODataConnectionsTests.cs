using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.OData;

namespace WineB24.OneCConnector.Tests.OData;

public class ODataConnectionsTests
{
    [Fact]
    public async Task Saved_password_is_sealed_at_rest_and_comes_back_for_the_client()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 5);
        var settings = h.Settings(password: "Секрет-Пароль-42");
        settings.Names = new ODataNames { Contracts = "Catalog_ДоговорыКонтрагентовРасширение" };

        await h.Connections.SaveAsync(ODataRunHarness.Member, settings, default);

        await using (var db = h.Db.CreateDbContext())
        {
            var row = await db.ODataConnections.SingleAsync();
            row.ProtectedPassword.Should().NotBeNullOrEmpty().And.NotContain("Секрет");
        }
        var portal = (await h.Connections.GetAsync(ODataRunHarness.Member, default))!;
        portal.Connection.Password.Should().Be("Секрет-Пароль-42");
        portal.Preset.Contracts.Should().Be("Catalog_ДоговорыКонтрагентовРасширение");
        portal.Preset.Counterparties.Should().Be("Catalog_Контрагенты");
        (await h.Connections.GetAsync("ffffffffffffffffffffffffffffffff", default)).Should().BeNull();
    }

    [Fact]
    public async Task Configuration_wins_over_the_settings_page_and_both_portals_are_listed()
    {
        var configured = new Dictionary<string, ODataPortalSettings>(StringComparer.OrdinalIgnoreCase)
        {
            ["c0ffee00c0ffee00c0ffee00c0ffee00"] = new() { Url = "https://1c.example.ru/buh/odata/standard.odata/", Login = "odata", Password = "p", Configuration = OneCConfiguration.Bp30 },
        };
        await using var h = await ODataRunHarness.StartAsync(counterparties: 5, configured: configured);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(), default);
        await h.Connections.SaveAsync("c0ffee00c0ffee00c0ffee00c0ffee00", h.Settings(), default);

        var fromConfig = (await h.Connections.GetAsync("C0FFEE00C0FFEE00C0FFEE00C0FFEE00", default))!;

        fromConfig.Preset.Model.Should().Be(ReceivablesModel.Account62);
        fromConfig.Connection.BaseUri.Host.Should().Be("1c.example.ru");
        (await h.Connections.MembersAsync(default)).Should().BeEquivalentTo([ODataRunHarness.Member, "c0ffee00c0ffee00c0ffee00c0ffee00"]);
    }

    [Fact]
    public async Task A_relative_or_non_http_url_is_refused()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 1);
        var settings = h.Settings();
        settings.Url = "ftp://1c/odata/";

        var act = () => h.Connections.SaveAsync(ODataRunHarness.Member, settings, default);

        await act.Should().ThrowAsync<ArgumentException>();
    }
}
