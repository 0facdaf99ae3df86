using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using WineB24.Bitrix24App.Hosting;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.PortalEmulator.Cloud;

namespace WineB24.Bitrix24App.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task Healthz_reports_database_and_scheduler_and_503_when_the_scheduler_is_down()
    {
        await using var cloud = await Bitrix24Cloud.StartAsync();
        await using var app = await RunningApp.StartAsync(cloud);

        var ok = await app.Http.GetAsync("healthz");
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().Should().Be("ok");
        body.GetProperty("database").GetString().Should().Be("ok");
        body.GetProperty("scheduler").GetString().Should().Be("ok");

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        var down = await app.Http.GetAsync("healthz");
        down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement.GetProperty("scheduler").GetString().Should().Be("standby");
    }

    [Fact]
    public async Task Start_fails_on_a_public_url_that_is_not_absolute()
    {
        await using var cloud = await Bitrix24Cloud.StartAsync();
        var start = () => RunningApp.StartAsync(cloud, extraArgs: "--App:PublicUrl=wineb24.local/app");
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("App:PublicUrl");
    }

    [Fact]
    public async Task Start_fails_when_clustering_is_asked_for_on_sqlite()
    {
        await using var cloud = await Bitrix24Cloud.StartAsync();
        var start = () => RunningApp.StartAsync(cloud, extraArgs: "--Jobs:Clustered=true");
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("Jobs:Clustered");
    }

    [Fact]
    public async Task Database_and_keys_are_created_under_the_configured_folder()
    {
        await using var cloud = await Bitrix24Cloud.StartAsync();
        await using var app = await RunningApp.StartAsync(cloud);
        File.Exists(Path.Combine(app.Root, "app.db")).Should().BeTrue();
        Directory.Exists(Path.Combine(app.Root, "keys")).Should().BeTrue();
    }

    [Theory]
    [InlineData("https://wineb24.example.com", "/robots/x", "https://wineb24.example.com/robots/x")]
    [InlineData("https://example.com/apps/wine/", "/events", "https://example.com/apps/wine/events")]
    [InlineData("https://example.com/apps/wine", "robots/y", "https://example.com/apps/wine/robots/y")]
    public void Handler_urls_are_built_from_the_public_url(string publicUrl, string path, string expected)
    {
        new AppOptions { PublicUrl = publicUrl }.HandlerUrl(path).Should().Be(expected);
    }
}
