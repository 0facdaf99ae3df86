using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.Bitrix24Client.Methods;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Counterparties;
using WineB24.PortalEmulator.Crm;

namespace WineB24.OneCConnector.Tests.Counterparties;

public class CounterpartySyncTests
{
    private static CounterpartyCard Legal(string id, string name, string? inn, string? kpp) =>
        new(id, name, name + " (полное)", inn, kpp, CounterpartyKind.LegalEntity, "Москва, ул. Тверская, 1", ["+7 495 123-45-67"], ["info@vino.ru"], false);

    private static readonly CounterpartyCard Restaurant = Legal("cp-1", "ООО «Погреб»", "7707083893", "770701001");
    private static readonly CounterpartyCard Shop = new("cp-2", "ИП Сидоров", null, "500100732259", null, CounterpartyKind.IndividualEntrepreneur, null, [], [], false);
    private static readonly CounterpartyCard Person = new("cp-3", "Иванова Мария", null, null, null, CounterpartyKind.Person, null, ["+7 916 000-11-22"], [], false);

    private static string Text(JsonObject o, string field) => o[field]?.GetValue<string>() ?? "";

    [Fact]
    public async Task First_import_creates_companies_with_requisites_and_the_same_cards_again_cost_no_request()
    {
        await using var crm = await EmulatedCrm.StartAsync();

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Restaurant, Shop, Person], CancellationToken.None);

        var companies = crm.Portal.Crm.All(CrmEntityType.Company).ToList();
        companies.Select(c => Text(c, "TITLE")).Should().BeEquivalentTo("ООО «Погреб»", "ИП Сидоров", "Иванова Мария");
        companies.Should().OnlyContain(c => Text(c, "ORIGINATOR_ID") == CounterpartySync.Originator);
        var requisites = crm.Portal.Crm.Requisites.Values.ToList();
        requisites.Should().HaveCount(3);
        var restaurant = requisites.Single(r => Text(r, "XML_ID") == "cp-1");
        (Text(restaurant, "PRESET_ID"), Text(restaurant, "RQ_INN"), Text(restaurant, "RQ_KPP"), Text(restaurant, "ENTITY_TYPE_ID"))
            .Should().Be(("1", "7707083893", "770701001", "4"));
        Text(requisites.Single(r => Text(r, "XML_ID") == "cp-2"), "PRESET_ID").Should().Be("2");
        Text(requisites.Single(r => Text(r, "XML_ID") == "cp-3"), "PRESET_ID").Should().Be("3");
        crm.Portal.Stats.Calls("crm.company.add").Should().Be(3);
        crm.Portal.Stats.Calls("batch").Should().Be(2, "one lookup batch and one write batch for all cards");
        (await crm.Counterparties.FindOneCIdAsync(crm.MemberId, long.Parse(Text(restaurant, "ENTITY_ID")), default)).Should().Be("cp-1");

        var requests = crm.Portal.Stats.Requests;
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Restaurant, Shop, Person], CancellationToken.None);

        crm.Portal.Stats.Requests.Should().Be(requests, "unchanged cards cost nothing");
        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_changed_card_costs_one_company_update_and_one_requisite_update()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Restaurant, Shop], CancellationToken.None);

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Restaurant with { Name = "ООО «Погреб на Тверской»" }, Shop], CancellationToken.None);

        crm.Portal.Stats.Calls("crm.company.add").Should().Be(2);
        crm.Portal.Stats.Calls("crm.company.update").Should().Be(1);
        crm.Portal.Stats.Calls("crm.requisite.update").Should().Be(1);
        crm.Portal.Stats.Calls("crm.requisite.add").Should().Be(2);
        crm.Portal.Crm.All(CrmEntityType.Company).Select(c => Text(c, "TITLE")).Should().Contain("ООО «Погреб на Тверской»");
        Text(crm.Portal.Crm.Requisites.Values.Single(r => Text(r, "XML_ID") == "cp-1"), "RQ_COMPANY_NAME").Should().Be("ООО «Погреб на Тверской»");
    }

    [Fact]
    public async Task A_manual_company_with_the_same_INN_and_KPP_is_linked_instead_of_duplicated()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var manual = await crm.AddCompanyWithRequisiteAsync("Погреб (ввели вручную)", "7707083893", "770701001");

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Restaurant], CancellationToken.None);

        crm.Portal.Crm.All(CrmEntityType.Company).Should().ContainSingle();
        crm.Portal.Crm.Requisites.Should().ContainSingle("the existing requisite is updated, not doubled");
        (await crm.Counterparties.FindCompanyIdAsync(crm.MemberId, "cp-1", default)).Should().Be(manual);
        crm.Portal.Stats.Calls("crm.company.add").Should().Be(1, "only the test's own manual company");
    }

    [Fact]
    public async Task Branches_sharing_an_INN_are_told_apart_by_KPP()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var head = await crm.AddCompanyWithRequisiteAsync("Погреб, головной офис", "7707083893", "770701001");

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Legal("cp-9", "Погреб, филиал СПб", "7707083893", "781001001")], CancellationToken.None);

        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(2);
        (await crm.Counterparties.FindCompanyIdAsync(crm.MemberId, "cp-9", default)).Should().NotBe(head);
    }

    [Fact]
    public async Task Conflicts_land_in_the_review_list_and_write_nothing()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.AddCompanyWithRequisiteAsync("Дубль 1", "7736207543", "773601001");
        await crm.AddCompanyWithRequisiteAsync("Дубль 2", "7736207543", "773601001");
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Restaurant], CancellationToken.None);
        var companies = crm.Portal.Crm.All(CrmEntityType.Company).Count;
        var writesBefore = crm.Portal.Stats.Calls("crm.company.add") + crm.Portal.Stats.Calls("crm.company.update") + crm.Portal.Stats.Calls("crm.requisite.add")
            + crm.Portal.Stats.Calls("crm.requisite.update");

        await crm.Counterparties.ApplyAsync(crm.MemberId,
        [
            Legal("cp-amb", "Кто-то из дублей", "7736207543", "773601001"),
            Legal("cp-bad", "Опечатка", "7707083894", "770701001"),
            Legal("cp-none", "Без ИНН", null, null),
            Restaurant with { Inn = "7812345675", Kpp = "781201001" },
        ], CancellationToken.None);

        var review = await crm.Review.ListAsync(crm.MemberId, default);
        review.Select(r => (r.OneCId, r.ReasonCode)).Should().BeEquivalentTo(new[]
        {
            ("cp-amb", "inn_kpp_ambiguous"), ("cp-bad", "bad_inn"), ("cp-none", "no_inn"), ("cp-1", "inn_differs"),
        });
        review.Single(r => r.OneCId == "cp-bad").Reason.Should().Contain("контрольной суммы").And.Contain("checksum");
        review.Single(r => r.OneCId == "cp-bad").Payload.Should().Contain("\"Name\":\"Опечатка\"", "payloads keep Cyrillic readable");
        review.Should().OnlyContain(r => r.Payload.Length > 0 && r.FirstSeenAt > 0 && r.LastSeenAt >= r.FirstSeenAt && r.MemberId == crm.MemberId);
        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(companies);
        (crm.Portal.Stats.Calls("crm.company.add") + crm.Portal.Stats.Calls("crm.company.update") + crm.Portal.Stats.Calls("crm.requisite.add")
            + crm.Portal.Stats.Calls("crm.requisite.update")).Should().Be(writesBefore);
        Text(crm.Portal.Crm.Requisites.Values.Single(r => Text(r, "XML_ID") == "cp-1"), "RQ_INN").Should().Be("7707083893");
    }

    [Fact]
    public async Task A_fixed_card_leaves_the_review_list()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Legal("cp-5", "Без ИНН", null, null)], CancellationToken.None);
        (await crm.Review.ListAsync(crm.MemberId, default)).Should().ContainSingle();

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Legal("cp-5", "Уже с ИНН", "7736207543", "773601001")], CancellationToken.None);

        (await crm.Review.ListAsync(crm.MemberId, default)).Should().BeEmpty();
        await using var db = crm.Database.CreateDbContext();
        (await db.CounterpartyLinks.CountAsync(l => l.MemberId == crm.MemberId)).Should().Be(1);
    }

    [Fact]
    public async Task Two_1C_counterparties_with_one_INN_and_KPP_share_one_company()
    {
        await using var crm = await EmulatedCrm.StartAsync();

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Restaurant, Restaurant with { OneCId = "cp-1-copy" }], CancellationToken.None);

        crm.Portal.Crm.All(CrmEntityType.Company).Should().ContainSingle();
        (await crm.Counterparties.FindCompanyIdAsync(crm.MemberId, "cp-1-copy", default))
            .Should().Be(await crm.Counterparties.FindCompanyIdAsync(crm.MemberId, "cp-1", default));
    }

    [Fact]
    public async Task A_deleted_linked_company_is_reported_and_recreated_on_the_next_exchange()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Person], CancellationToken.None);
        var first = (await crm.Counterparties.FindCompanyIdAsync(crm.MemberId, "cp-3", default))!.Value;
        await crm.Client.Crm.Companies.DeleteAsync(first);

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Person with { Name = "Иванова-Петрова Мария" }], CancellationToken.None);
        (await crm.Review.ListAsync(crm.MemberId, default)).Single().ReasonCode.Should().Be("company_deleted");
        (await crm.Counterparties.FindCompanyIdAsync(crm.MemberId, "cp-3", default)).Should().BeNull();

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Person with { Name = "Иванова-Петрова Мария" }], CancellationToken.None);
        var second = await crm.Counterparties.FindCompanyIdAsync(crm.MemberId, "cp-3", default);
        second.Should().NotBeNull().And.NotBe(first);
        (await crm.Review.ListAsync(crm.MemberId, default)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("7707083893", true)]
    [InlineData("7707083894", false)]
    [InlineData("500100732259", true)]
    [InlineData("500100732250", false)]
    [InlineData("77070838", false)]
    [InlineData("77070838АБ", false)]
    public void INN_checksums(string inn, bool valid) => TaxIds.IsValidInn(inn).Should().Be(valid);

    [Theory]
    [InlineData("770701001", true)]
    [InlineData("7707AB001", true)]
    [InlineData("77070100", false)]
    [InlineData("7707ab001", false)]
    public void KPP_shape(string kpp, bool valid) => TaxIds.IsValidKpp(kpp).Should().Be(valid);
}
