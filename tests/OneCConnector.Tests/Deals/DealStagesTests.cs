using FluentAssertions;
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
}
