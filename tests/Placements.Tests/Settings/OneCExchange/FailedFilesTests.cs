using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.Placements.Tests.Frames;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.Tests.Settings.OneCExchange;

/// <summary>The failed-files part of the 1C section: listed with reasons for everyone, replayed by admins through the connector.</summary>
public class FailedFilesTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    private const string State = "/api/placements/default/onec";
    private const string Failed = "/api/placements/default/onec/failed";

    [Fact]
    public async Task Admin_sees_the_failed_file_with_its_reason_and_replays_it_into_the_connector()
    {
        var clock = new ManualClock(T0 - TimeSpan.FromMinutes(5));
        await using var host = await PlacementHost.StartAsync(clock);
        var id = await FailedUploads.AddAsync(host, host.Portal.MemberId, FailedUploads.GoodOffers, "Сбой записи <b>БД</b>");
        clock.Now = T0;
        var html = await host.OpenAsUserAsync();
        var session = FramePostTests.SessionOf(html);

        html.Should().Contain("<td>offers0_1.xml</td><td>Сбой записи &lt;b&gt;БД&lt;/b&gt;</td>").And.NotContain("<b>БД");
        html.Should().Contain($"class=\"onec-replay\" data-id=\"{id}\">Загрузить повторно</button>");
        var listed = JArray.Parse(await (await host.ApiAsync(HttpMethod.Get, Failed, session)).Content.ReadAsStringAsync());
        listed.Single().Value<bool>("replayable").Should().BeTrue();

        var response = await host.ApiAsync(HttpMethod.Post, $"{Failed}/{id}/replay", session);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = JObject.Parse(await response.Content.ReadAsStringAsync());
        answer.Value<string>("status").Should().Be("imported");
        answer.Value<string>("message").Should().Be("Файл загружен.");
        answer.Value<int>("offers").Should().Be(1);
        var offers = await host.Services.GetRequiredService<StockAndPriceQuery>().ForProductAsync(host.Portal.MemberId, "w1", default);
        offers.Should().ContainSingle("the replayed offer is in the connector's stock and price tables");
        var state = JObject.Parse(await (await host.ApiAsync(HttpMethod.Get, State, session)).Content.ReadAsStringAsync());
        state["failedFiles"]!.Single().Value<string>("status").Should().Be("resolved");
        state["failedFiles"]!.Single().Value<bool>("replayable").Should().BeFalse();
        state["journal"]!.First().Value<bool>("replay").Should().BeTrue("the replay has its own journal row, newest first");
        state["journal"]!.First().Value<string>("status").Should().Be("completed");
        var after = await host.OpenAsUserAsync();
        after.Should().NotContain("class=\"onec-replay\"").And.Contain("<td>catalog (повторная загрузка)</td>");
    }

    [Fact]
    public async Task Non_admin_sees_the_list_but_cannot_replay_and_other_portals_files_are_not_found()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0), language: "en");
        var id = await FailedUploads.AddAsync(host, host.Portal.MemberId, FailedUploads.GoodOffers, "broken");
        var foreign = await FailedUploads.AddAsync(host, "ffffffffffffffffffffffffffffffff", FailedUploads.GoodOffers, "чужой файл");
        var clerk = host.Portal.AddUser("Мария");
        var clerkHtml = await host.OpenAsUserAsync(clerk.Id, "en");
        var adminSession = FramePostTests.SessionOf(await host.OpenAsUserAsync(lang: "en"));

        clerkHtml.Should().Contain("<td>broken</td>").And.NotContain("onec-replay").And.NotContain("чужой файл");
        (await host.ApiAsync(HttpMethod.Post, $"{Failed}/{id}/replay", FramePostTests.SessionOf(clerkHtml))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var notFound = await host.ApiAsync(HttpMethod.Post, $"{Failed}/{foreign}/replay", adminSession);
        notFound.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JObject.Parse(await notFound.Content.ReadAsStringAsync()).Value<string>("message").Should().Be("File not found.");
        (await host.Services.GetRequiredService<FailedFiles>().FindAsync(host.Portal.MemberId, id, default))!.Status.Should().Be(FailedFiles.Failed);
    }

    [Fact]
    public async Task Last_success_is_shown_even_behind_more_failed_sessions_than_the_journal_shows()
    {
        var clock = new ManualClock(T0 - TimeSpan.FromDays(2));
        await using var host = await PlacementHost.StartAsync(clock);
        var journal = host.Services.GetRequiredService<ExchangeJournal>();
        var member = host.Portal.MemberId;
        var good = await journal.StartAsync(member, "good", "catalog", default);
        await journal.CompleteAsync(good, default);
        for (var i = 0; i < 70; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(30));
            await journal.RecordErrorAsync(await journal.StartAsync(member, "bad" + i, "catalog", default), "import.zip", "Архив повреждён", default);
        }
        clock.Now = T0;

        var html = await host.OpenAsUserAsync();
        var state = JObject.Parse(await (await host.ApiAsync(HttpMethod.Get, State, FramePostTests.SessionOf(html))).Content.ReadAsStringAsync());

        state.Value<long>("lagSeconds").Should().Be(2 * 24 * 3600);
        state["journal"]!.Count().Should().Be(20);
        html.Should().Contain("(2 дн 0 ч назад)").And.NotContain("среди последних");
    }
}
