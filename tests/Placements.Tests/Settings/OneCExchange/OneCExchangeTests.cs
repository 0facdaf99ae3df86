using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;
using WineB24.Placements.Tests.Frames;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.Tests.Settings.OneCExchange;

/// <summary>
/// The 1C section: the page and its JSON API against the real connector services (credentials with PBKDF2 hashes,
/// the exchange journal) on SQLite, with the viewer's admin rights as the emulated portal reports them.
/// </summary>
public class OneCExchangeTests
{
    // Whole seconds near the real now: Data Protection checks session expiry on the machine clock as well.
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private const string Password = "/api/placements/default/onec/password";
    private const string Revoke = "/api/placements/default/onec/revoke";
    private const string State = "/api/placements/default/onec";

    private static async Task<JObject> JsonAsync(HttpResponseMessage response) => JObject.Parse(await response.Content.ReadAsStringAsync());

    private static ExchangeCredentials Credentials(PlacementHost host) => host.Services.GetRequiredService<ExchangeCredentials>();

    [Fact]
    public async Task Page_shows_the_exchange_address_and_that_no_login_exists_yet()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));

        var html = await host.OpenAsUserAsync();

        html.Should().Contain("<td id=\"onec-url\"><code>https://wine.example.ru/1c/exchange</code></td>");
        html.Should().Contain("<td id=\"onec-login\">ещё не создан</td>");
        html.Should().Contain("обменов ещё не было").And.Contain("1С ещё не подключалась");
    }

    [Fact]
    public async Task Without_a_public_url_the_page_says_the_address_is_not_set()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0), language: "en",
            settingsFor: _ => new() { ["App:PublicUrl"] = "" });

        var html = await host.OpenAsUserAsync(lang: "en");

        html.Should().Contain("not set: the server administrator must set App:PublicUrl");
    }

    [Fact]
    public async Task Admin_generates_a_login_and_password_that_1C_can_log_in_with_and_the_password_is_shown_only_once()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());

        var response = await host.ApiAsync(HttpMethod.Post, Password, session);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var issued = await JsonAsync(response);
        var login = issued.Value<string>("login")!;
        var password = issued.Value<string>("password")!;
        password.Should().HaveLength(24);
        (await Credentials(host).AuthenticateAsync(login, password, "10.0.0.1", default)).MemberId.Should().Be(host.Portal.MemberId);

        var html = await host.OpenAsUserAsync();
        html.Should().Contain($"<td id=\"onec-login\">{login}</td>").And.NotContain(password).And.Contain("Сменить пароль");
        (await (await host.ApiAsync(HttpMethod.Get, State, session)).Content.ReadAsStringAsync()).Should().Contain(login).And.NotContain(password);
    }

    [Fact]
    public async Task Rotation_keeps_the_login_and_retires_the_old_password()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());
        var first = await JsonAsync(await host.ApiAsync(HttpMethod.Post, Password, session));

        var second = await JsonAsync(await host.ApiAsync(HttpMethod.Post, Password, session));

        second.Value<string>("login").Should().Be(first.Value<string>("login"));
        second.Value<string>("password").Should().NotBe(first.Value<string>("password"));
        var credentials = Credentials(host);
        (await credentials.AuthenticateAsync(first.Value<string>("login"), first.Value<string>("password"), "10.0.0.1", default)).Succeeded.Should().BeFalse();
        (await credentials.AuthenticateAsync(second.Value<string>("login"), second.Value<string>("password"), "10.0.0.1", default)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Admin_revokes_access_and_1C_can_no_longer_log_in()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());
        var issued = await JsonAsync(await host.ApiAsync(HttpMethod.Post, Password, session));

        (await host.ApiAsync(HttpMethod.Post, Revoke, session)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Credentials(host).AuthenticateAsync(issued.Value<string>("login"), issued.Value<string>("password"), "10.0.0.1", default))
            .Succeeded.Should().BeFalse();
        (await Credentials(host).FindLoginAsync(host.Portal.MemberId, default)).Should().BeNull();
    }

    [Theory]
    [InlineData("ru", "Изменять настройки может только администратор портала Bitrix24.")]
    [InlineData("en", "Only a Bitrix24 portal administrator can change the settings.")]
    public async Task Non_admin_can_neither_generate_nor_revoke_and_does_not_see_the_login(string lang, string refusal)
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        await Credentials(host).IssueAsync(host.Portal.MemberId, default);
        var login = await Credentials(host).FindLoginAsync(host.Portal.MemberId, default);
        var clerk = host.Portal.AddUser("Мария");
        var html = await host.OpenAsUserAsync(clerk.Id, lang);
        var session = FramePostTests.SessionOf(html);

        var issue = await host.ApiAsync(HttpMethod.Post, Password, session);
        var revoke = await host.ApiAsync(HttpMethod.Post, Revoke, session);
        var state = await JsonAsync(await host.ApiAsync(HttpMethod.Get, State, session));

        issue.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await JsonAsync(issue)).Value<string>("error_description").Should().Be(refusal);
        revoke.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Credentials(host).FindLoginAsync(host.Portal.MemberId, default)).Should().Be(login);
        html.Should().NotContain(login!);
        state.Value<bool>("hasCredentials").Should().BeTrue();
        state["login"]!.Type.Should().Be(JTokenType.Null);
    }

    [Fact]
    public async Task Without_a_valid_session_nothing_is_read_or_changed()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));

        (await host.ApiAsync(HttpMethod.Post, Password, null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.ApiAsync(HttpMethod.Post, Password, "forged")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.ApiAsync(HttpMethod.Get, State, null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Credentials(host).FindLoginAsync(host.Portal.MemberId, default)).Should().BeNull();
    }

    [Fact]
    public async Task Credentials_set_in_the_server_configuration_are_shown_but_not_changed_here()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0), settingsFor: member => new()
        {
            [$"OneC:Portals:{member}:Login"] = "vinoteka<1c>",
            [$"OneC:Portals:{member}:Password"] = "configured-password-123",
        });
        var html = await host.OpenAsUserAsync();
        var session = FramePostTests.SessionOf(html);

        var issue = await host.ApiAsync(HttpMethod.Post, Password, session);

        html.Should().Contain("<td id=\"onec-login\">vinoteka&lt;1c&gt;</td>").And.Contain("заданы в конфигурации сервера");
        html.Should().NotContain("id=\"onec-issue\"");
        issue.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Credentials(host).AuthenticateAsync("vinoteka<1c>", "configured-password-123", "10.0.0.1", default)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Journal_shows_each_session_and_the_lag_since_the_last_success_for_this_portal_only()
    {
        var clock = new ManualClock(T0 - TimeSpan.FromHours(3));
        await using var host = await PlacementHost.StartAsync(clock);
        var journal = host.Services.GetRequiredService<ExchangeJournal>();
        var member = host.Portal.MemberId;
        var catalog = await journal.StartAsync(member, "s1", "catalog", default);
        clock.Advance(TimeSpan.FromSeconds(90));
        await journal.RecordFileAsync(catalog, "import0_1.xml", ImportCounts.Empty with { Products = 120, Prices = 118 }, 40, null, default);
        clock.Now = T0 - TimeSpan.FromHours(1);
        var sale = await journal.StartAsync(member, "s2", "sale", default);
        clock.Advance(TimeSpan.FromSeconds(5));
        await journal.RecordErrorAsync(sale, "orders<1>.xml", "<b>Битый XML</b> в строке 7", default);
        clock.Now = T0 - TimeSpan.FromMinutes(10);
        var other = await journal.StartAsync("ffffffffffffffffffffffffffffffff", "s3", "catalog", default);
        await journal.RecordFileAsync(other, "чужой.xml", ImportCounts.Empty with { Products = 1 }, 1, null, default);
        clock.Now = T0;

        var html = await host.OpenAsUserAsync();
        var state = await JsonAsync(await host.ApiAsync(HttpMethod.Get, State, FramePostTests.SessionOf(html)));

        var rows = state["journal"]!.ToList();
        rows.Select(r => r.Value<string>("exchangeType")).Should().Equal("sale", "catalog");
        rows[1].Value<long>("durationSeconds").Should().Be(90);
        rows[1].Value<int>("products").Should().Be(120);
        rows[1]["files"]!.Values<string>().Should().Equal("import0_1.xml");
        rows[0].Value<string>("status").Should().Be("failed");
        rows[0]["errors"]!.Values<string>().Should().Equal("orders<1>.xml: <b>Битый XML</b> в строке 7");
        state.Value<long>("lagSeconds").Should().Be(3 * 3600 - 90);
        html.Should().Contain("(2 ч 58 мин назад)");
        html.Should().Contain("<td>1 мин 30 с</td>").And.Contain("товары 120, цены 118; изменений 40");
        html.Should().Contain("orders&lt;1&gt;.xml: &lt;b&gt;Битый XML&lt;/b&gt; в строке 7").And.NotContain("<b>Битый");
        html.Should().NotContain("чужой.xml");
    }

    [Fact]
    public async Task Journal_shows_when_each_session_reached_Bitrix24_and_how_far_Bitrix24_is_behind()
    {
        var clock = new ManualClock(T0 - TimeSpan.FromHours(2));
        await using var host = await PlacementHost.StartAsync(clock);
        var journal = host.Services.GetRequiredService<ExchangeJournal>();
        var member = host.Portal.MemberId;
        var written = await journal.StartAsync(member, "s1", "catalog", default);
        await journal.RecordFileAsync(written, "offers0_1.xml", ImportCounts.Empty with { Offers = 10 }, 10, null, default);
        await journal.MarkAwaitingAsync(member, "s1", Bitrix24Work.Catalogue, default);
        clock.Advance(TimeSpan.FromSeconds(40));
        await journal.MarkAppliedAsync(member, Bitrix24Work.Catalogue, clock.GetUtcNow().ToUnixTimeMilliseconds(), default);
        clock.Now = T0 - TimeSpan.FromMinutes(12);
        var waiting = await journal.StartAsync(member, "s2", "sale", default);
        await journal.RecordFileAsync(waiting, "orders-1_1.xml", ImportCounts.Empty with { Documents = 3 }, 0, null, default);
        await journal.MarkAwaitingAsync(member, "s2", Bitrix24Work.Sale, default);
        clock.Now = T0;

        var html = await host.OpenAsUserAsync();
        var state = await JsonAsync(await host.ApiAsync(HttpMethod.Get, State, FramePostTests.SessionOf(html)));

        var rows = state["journal"]!.ToList();
        rows[0]["bitrix24"]!.Value<bool>("waiting").Should().BeTrue();
        rows[0]["bitrix24"]!.Value<long>("seconds").Should().Be(12 * 60);
        rows[1]["bitrix24"]!.Value<bool>("waiting").Should().BeFalse();
        rows[1]["bitrix24"]!.Value<long>("seconds").Should().Be(40);
        state.Value<long>("bitrix24BehindSeconds").Should().Be(12 * 60);
        html.Should().Contain("<td id=\"onec-behind\">12 мин 0 с</td>");
        html.Should().Contain("<td class=\"delivery\">ожидает записи 12 мин 0 с</td>").And.Contain("<td class=\"delivery\">записано через 40 с</td>");

        await journal.MarkAppliedAsync(member, Bitrix24Work.Sale, clock.GetUtcNow().ToUnixTimeMilliseconds(), default);
        var after = await JsonAsync(await host.ApiAsync(HttpMethod.Get, State, FramePostTests.SessionOf(html)));
        after["bitrix24BehindSeconds"]!.Type.Should().Be(JTokenType.Null);
    }
}
