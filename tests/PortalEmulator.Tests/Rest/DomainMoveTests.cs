using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Rest;

public sealed class DomainMoveTests
{
    [Fact]
    public async Task Old_address_redirects_and_refresh_reports_the_new_endpoint()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var issued = f.Portal.IssueTokens(1);
        var oldEndpoint = f.Portal.ClientEndpoint;

        var newEndpoint = await f.Portal.MoveDomainAsync();
        using var noRedirect = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        using var content = new StringContent($"{{\"auth\":\"{issued.AccessToken}\",\"fields\":{{\"TITLE\":\"x\"}}}}", Encoding.UTF8, "application/json");
        using var redirect = await noRedirect.PostAsync(new Uri(oldEndpoint, "crm.lead.add"), content);
        var rePost = await f.Http.PostJsonAsync(redirect.Headers.Location!, new JsonObject { ["auth"] = issued.AccessToken, ["fields"] = new JsonObject { ["TITLE"] = "x" } });
        var refresh = await f.Http.GetAsync(new Uri(f.Cloud.TokenEndpoint, "?" + PhpForm.Build([
            new("grant_type", "refresh_token"), new("client_id", f.Cloud.ClientId), new("client_secret", f.Cloud.ClientSecret), new("refresh_token", issued.RefreshToken)])));

        newEndpoint.Should().NotBe(oldEndpoint);
        redirect.StatusCode.Should().Be(HttpStatusCode.Found);
        redirect.Headers.Location.Should().Be(new Uri(newEndpoint, "crm.lead.add"));
        rePost.Result!.GetValue<int>().Should().Be(1);
        f.Portal.Crm.All(WineB24.PortalEmulator.Crm.CrmEntityType.Lead).Should().HaveCount(1);
        refresh.Body!["client_endpoint"]!.GetValue<string>().Should().Be(newEndpoint.ToString());
    }
}
