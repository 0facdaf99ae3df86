using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.Tests.Counterparties;

namespace WineB24.OneCConnector.Tests.Deals;

public sealed class DealStagesTests
{
    [Fact]
    public async Task Every_pipeline_s_stages_come_in_one_batch_in_sort_order_with_their_semantics()
    {
        await using var crm = await EmulatedCrm.StartAsync();

        var all = await DealStages.ReadAllAsync(crm.Client, default);

        all.Select(s => s.StageId).Should().Equal("NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE", "APOLOGY");
        all.Should().OnlyContain(s => s.CategoryId == 0 && s.CategoryName == "Общая");
        all.Single(s => s.StageId == "WON").Semantics.Should().Be("success");
        all.Where(s => s.Semantics == "failure").Select(s => s.StageId).Should().Equal("LOSE", "APOLOGY");
        all.Single(s => s.StageId == "PREPARATION").Name.Should().Be("Подготовка документов");
        crm.Portal.Stats.Calls("crm.category.list").Should().Be(1);
        crm.Portal.Stats.Calls("batch").Should().Be(1, "the pipelines' stage lists go in one batch request");
        crm.Portal.Stats.Calls("crm.status.list").Should().Be(1, "one command per pipeline inside it");
    }

    [Fact]
    public async Task The_batched_read_lists_what_the_default_pipeline_read_lists()
    {
        await using var crm = await EmulatedCrm.StartAsync();

        var all = await DealStages.ReadAllAsync(crm.Client, default);
        var main = await DealStages.ReadDefaultPipelineAsync(crm.Client, default);

        all.Should().Equal(main, "the emulated portal has the default pipeline only");
        crm.Portal.Stats.Calls("batch").Should().Be(1, "the single-pipeline read is a plain list call");
    }

    [Fact]
    public async Task More_than_fifty_pipelines_are_read_in_batches_of_fifty()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var client = new ExtraPipelines(crm.Client, count: 60);

        var all = await DealStages.ReadAllAsync(client, default);

        crm.Portal.Stats.Calls("batch").Should().Be(2, "61 pipelines: 50 commands, then 11");
        crm.Portal.Stats.Calls("crm.status.list").Should().Be(61, "one command per pipeline");
        all.Should().HaveCount(8, "the emulated portal has stages for pipeline 0 only; the others list none")
            .And.OnlyContain(s => s.CategoryId == 0);
    }

    /// <summary>
    /// The emulator knows the default pipeline only; this adds <c>count</c> pipelines to the real
    /// <c>crm.category.list</c> answer (ids 1…count) and passes every other call to the emulated portal unchanged.
    /// </summary>
    private sealed class ExtraPipelines(IBitrix24Client inner, int count) : IBitrix24Client
    {
        public string? MemberId => inner.MemberId;

        public async Task<Bitrix24Response> CallAsync(string method, object? parameters = null, CallKind kind = CallKind.Read, CancellationToken cancellationToken = default)
        {
            var response = await inner.CallAsync(method, parameters, kind, cancellationToken);
            if (method != "crm.category.list")
            {
                return response;
            }
            var categories = (JArray)response.Result["categories"]!;
            for (var id = 1; id <= count; id++)
            {
                categories.Add(new JObject { ["id"] = id, ["name"] = $"Воронка {id}", ["sort"] = 100 + id, ["entityTypeId"] = 2, ["isDefault"] = "N" });
            }
            return response with { Total = categories.Count };
        }
    }
}
