using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Crm;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_creates_get_unique_ids_and_are_all_counted()
    {
        await using var f = await EmulatorFixture.StartAsync(new() { Burst = 10_000 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async w =>
        {
            var ids = new List<int>();
            for (var i = 0; i < 25; i++)
            {
                var a = await f.CallAsync("crm.company.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = $"W{w}-{i}" } });
                a.Status.Should().Be(HttpStatusCode.OK);
                ids.Add(a.Result!.GetValue<int>());
            }
            return ids;
        }));

        answers.SelectMany(x => x).Should().OnlyHaveUniqueItems().And.HaveCount(200);
        f.Portal.Stats.Calls("crm.company.add").Should().Be(200);
        f.Portal.Bucket.PeakLevel.Should().BeGreaterThan(1).And.BeLessThanOrEqualTo(10_000);
    }
}
