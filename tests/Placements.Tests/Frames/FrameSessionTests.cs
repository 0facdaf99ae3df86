using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.DataProtection;
using WineB24.Placements.Frames;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.Tests.Frames;

public class FrameSessionTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow;

    [Fact]
    public void Session_round_trips_member_user_and_language()
    {
        var sessions = new FrameSessions(new EphemeralDataProtectionProvider(), new ManualClock(T0));

        var session = sessions.Read(sessions.Issue("m1", "17", false, "ru"));

        session.Should().Be(new FrameSession("m1", "17", false, "ru", T0 + FrameSessions.Lifetime));
    }

    [Fact]
    public void Session_is_refused_once_the_app_clock_passes_its_expiry()
    {
        var clock = new ManualClock(T0);
        var sessions = new FrameSessions(new EphemeralDataProtectionProvider(), clock);
        var token = sessions.Issue("m1", "17", false, "ru");

        clock.Advance(FrameSessions.Lifetime - TimeSpan.FromSeconds(1));
        sessions.Read(token).Should().NotBeNull();
        clock.Advance(TimeSpan.FromSeconds(2));
        sessions.Read(token).Should().BeNull();
    }

    [Fact]
    public void Session_issued_with_a_past_expiry_is_refused_by_data_protection_itself()
    {
        // Issued by a clock an hour behind: the protected payload's own expiry is already over.
        var provider = new EphemeralDataProtectionProvider();
        var token = new FrameSessions(provider, new ManualClock(DateTimeOffset.UtcNow.AddHours(-1))).Issue("m1", "17", false, "ru");

        new FrameSessions(provider, new ManualClock(DateTimeOffset.UtcNow.AddHours(-1))).Read(token).Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-session")]
    public void Missing_or_garbage_session_is_refused(string? value)
    {
        new FrameSessions(new EphemeralDataProtectionProvider(), new ManualClock(T0)).Read(value).Should().BeNull();
    }

    [Fact]
    public void Session_from_another_key_ring_or_altered_is_refused()
    {
        var token = new FrameSessions(new EphemeralDataProtectionProvider(), new ManualClock(T0)).Issue("m1", "17", false, "ru");
        var sessions = new FrameSessions(new EphemeralDataProtectionProvider(), new ManualClock(T0));

        sessions.Read(token).Should().BeNull();
        var own = sessions.Issue("m1", "17", false, "ru");
        sessions.Read(own[..^2] + (own[^2] == 'A' ? "B" : "A") + own[^1]).Should().BeNull();
    }

    [Fact]
    public async Task Json_api_refuses_missing_forged_and_expired_sessions_and_serves_a_valid_one()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var host = await PlacementHost.StartAsync(clock);
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());

        async Task<HttpStatusCode> GetAsync(string? value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/placements/default/state");
            if (value is not null) request.Headers.Add(FrameSessions.Header, value);
            return (await host.Http.SendAsync(request)).StatusCode;
        }

        (await GetAsync(null)).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync("forged")).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync("4b1f0c66000b9c94")).Should().Be(HttpStatusCode.Unauthorized);   // a raw Bitrix24 token is no session
        (await GetAsync(session)).Should().Be(HttpStatusCode.OK);
        clock.Advance(FrameSessions.Lifetime + TimeSpan.FromSeconds(1));
        (await GetAsync(session)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("ru", "Сеанс страницы истёк или недействителен: откройте приложение в Bitrix24 заново.")]
    [InlineData("en", "The page session has expired or is invalid: open the application in Bitrix24 again.")]
    [InlineData(null, "The page session has expired or is invalid: open the application in Bitrix24 again.")]
    public async Task An_unreadable_session_is_refused_in_the_pages_language_and_the_language_grants_nothing(string? lang, string sentence)
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(DateTimeOffset.UtcNow));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/placements/default/onec/password");
        request.Headers.Add(FrameSessions.Header, "forged");
        if (lang is not null) request.Headers.Add(FrameSessions.LanguageHeader, lang);

        using var response = await host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = Newtonsoft.Json.Linq.JObject.Parse(await response.Content.ReadAsStringAsync());
        (body.Value<string>("error"), body.Value<string>("error_description")).Should().Be(("session_invalid", sentence));
    }
}
