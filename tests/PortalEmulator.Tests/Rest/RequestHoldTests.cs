using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Rest;

public sealed class RequestHoldTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Held_request_runs_only_after_release_and_other_methods_pass()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var hold = f.Portal.Faults.Hold("crm.lead.add");

        var add = f.CallAsync("crm.lead.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "Винотека" } });
        await hold.WaitUntilHeldAsync(Generous);
        var other = await f.CallAsync("user.admin");

        other.Status.Should().Be(HttpStatusCode.OK);
        add.IsCompleted.Should().BeFalse();
        f.Portal.Crm.All(CrmEntityType.Lead).Should().BeEmpty("the held call has not run");

        hold.Release();
        (await add.WaitAsync(Generous)).Status.Should().Be(HttpStatusCode.OK);
        f.Portal.Crm.All(CrmEntityType.Lead).Should().ContainSingle();
        hold.Held.Should().Be(1);
    }

    [Fact]
    public async Task Clear_releases_holds()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var hold = f.Portal.Faults.Hold();
        var call = f.CallAsync("user.admin");
        await hold.WaitUntilHeldAsync(Generous);

        f.Portal.Faults.Clear();

        (await call.WaitAsync(Generous)).Status.Should().Be(HttpStatusCode.OK);
        (await f.CallAsync("user.admin")).Status.Should().Be(HttpStatusCode.OK);
    }
}
