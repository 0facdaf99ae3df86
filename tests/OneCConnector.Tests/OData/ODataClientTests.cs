using FluentAssertions;
using WineB24.OneCConnector.OData;
using WineB24.OneCEmulator.OData;

namespace WineB24.OneCConnector.Tests.OData;

public class ODataClientTests
{
    [Fact]
    public async Task Entity_set_is_read_page_by_page_ordered_by_ref_key_and_without_folders()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 260);
        var client = h.Client();

        var rows = new List<string>();
        await foreach (var row in client.GetAllAsync(ODataQuery.Set("Catalog_Контрагенты") with
                       { Filter = "IsFolder eq false", Select = ["Ref_Key", "ИНН"] }, default))
        {
            rows.Add(row["Ref_Key"]!.GetValue<string>());
        }

        rows.Should().HaveCount(260).And.OnlyHaveUniqueItems();
        rows.Should().BeEquivalentTo(h.Trade.Generated.Select(g => g.RefKey));
        // 260 rows at 50 per page: 6 pages, the last one short.
        client.RequestsSent.Should().Be(6);
        h.Service.Requests.Should().OnlyContain(r => r.Contains("$orderby=Ref_Key") && r.Contains("$top=50") && r.Contains("$format=json"));
        h.Service.Requests.Last().Should().Contain("$skip=250");
    }

    [Fact]
    public void Cyrillic_names_and_function_parameters_are_percent_encoded_as_utf8_with_quotes_doubled()
    {
        var query = ODataQuery.Balance("AccumulationRegister_РасчетыСПокупателями", new DateTime(2026, 11, 1),
            "ТипРасчетов eq 'Долг'", ["Контрагент_Key"]) with { Filter = "СуммаBalance gt 0", Select = ["Контрагент_Key"] };

        var url = query.ToRelativeUrl();

        url.Should().StartWith("AccumulationRegister_%D0%A0%D0%B0%D1%81");
        url.Should().Contain("/Balance(Period=datetime'2026-11-01T00:00:00',Condition='%D0%A2");
        url.Should().Contain("%20eq%20''%D0%94%D0%BE%D0%BB%D0%B3'''");
        url.Should().Contain("$filter=%D0%A1%D1%83%D0%BC%D0%BC%D0%B0Balance%20gt%200");
        url.Should().MatchRegex("^[\\x21-\\x7E]+$", "no raw Cyrillic or spaces go on the wire");
    }

    [Fact]
    public async Task Balance_condition_with_a_quoted_text_value_reaches_1C_intact()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 40);
        var client = h.Client();

        var debts = await client.GetAsync(ODataQuery.Balance("AccumulationRegister_РасчетыСПокупателями",
            condition: "ТипРасчетов eq 'Долг'", dimensions: ["Контрагент_Key", "ТипРасчетов"]), default);
        var advances = await client.GetAsync(ODataQuery.Balance("AccumulationRegister_РасчетыСПокупателями",
            condition: "ТипРасчетов eq 'Аванс'", dimensions: ["Контрагент_Key", "ТипРасчетов"]), default);

        debts.Should().NotBeEmpty().And.OnlyContain(r => r["ТипРасчетов"]!.GetValue<string>() == "Долг" && r["СуммаBalance"]!.GetValue<decimal>() > 0);
        advances.Should().OnlyContain(r => r["ТипРасчетов"]!.GetValue<string>() == "Аванс" && r["СуммаBalance"]!.GetValue<decimal>() < 0);
    }

    [Fact]
    public async Task Service_unavailable_is_retried_with_backoff_until_1C_answers()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 10);
        h.Service.Faults.Enqueue(ODataFault.ServiceUnavailable);
        h.Service.Faults.Enqueue(ODataFault.InternalError);
        var client = h.Client();

        var rows = await client.GetAsync(ODataQuery.Set("Catalog_Партнеры"), default);

        rows.Should().HaveCount(10);
        client.RequestsSent.Should().Be(3);
    }

    [Fact]
    public async Task One_C_down_for_every_attempt_gives_a_readable_unavailable_error()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 10);
        h.Service.Faults.Enqueue(ODataFault.ServiceUnavailable, 10);
        var client = h.Client();

        var act = () => client.GetAsync(ODataQuery.Set("Catalog_Партнеры"), default);

        var e = (await act.Should().ThrowAsync<ODataException>()).Which;
        e.Failure.Should().Be(ODataFailure.Unavailable);
        e.Text.Ru.Should().Contain("1С не отвечает").And.Contain("HTTP 503").And.Contain("3 попыток");
        e.Text.En.Should().Contain("did not answer");
        client.RequestsSent.Should().Be(h.Options.MaxAttempts);
    }

    [Fact]
    public async Task Wrong_password_fails_at_once_without_retries()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 10);
        var client = h.Client(h.Connection with { Password = "не тот" });

        var act = () => client.GetAsync(ODataQuery.Set("Catalog_Партнеры"), default);

        var e = (await act.Should().ThrowAsync<ODataException>()).Which;
        e.Failure.Should().Be(ODataFailure.Unauthorized);
        e.Text.Ru.Should().Contain("проверьте логин/пароль OData");
        h.Service.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task Broken_json_is_a_clear_error_not_an_empty_list()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 10);
        h.Service.Faults.Enqueue(ODataFault.BrokenJson);

        var act = () => h.Client().GetAsync(ODataQuery.Set("Catalog_Партнеры"), default);

        var e = (await act.Should().ThrowAsync<ODataException>()).Which;
        e.Failure.Should().Be(ODataFailure.BadResponse);
        e.Text.Ru.Should().Contain("некорректный JSON");
    }

    [Fact]
    public async Task A_hanging_request_times_out_and_is_retried()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 10);
        h.Options.RequestTimeout = TimeSpan.FromSeconds(2);
        h.Service.Faults.Enqueue(ODataFault.Hang);
        var client = h.Client();

        var rows = await client.GetAsync(ODataQuery.Set("Catalog_Партнеры"), default);

        rows.Should().HaveCount(10);
        h.Service.Faults.Pending.Should().Be(0, "the first request hung");
        // Normally 2; a third only if this shared machine was too slow for the short test timeout.
        client.RequestsSent.Should().BeInRange(2, h.Options.MaxAttempts);
    }

    [Fact]
    public async Task Hanging_on_every_attempt_reports_no_answer()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 10);
        h.Options.RequestTimeout = TimeSpan.FromSeconds(1);
        h.Options.MaxAttempts = 2;
        h.Service.Faults.Enqueue(ODataFault.Hang, 2);

        var act = () => h.Client().GetAsync(ODataQuery.Set("Catalog_Партнеры"), default);

        (await act.Should().ThrowAsync<ODataException>()).Which.Text.Ru.Should().Contain("нет ответа");
    }

    [Theory]
    [InlineData("Catalog_НетТакого")]
    [InlineData("AccumulationRegister_РасчетыСКлиентамиПоСрокам_Balance")]
    public async Task An_object_outside_the_published_set_is_not_found_with_1Cs_message(string set)
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 5);

        var act = () => h.Client().GetAsync(ODataQuery.Set(set), default);

        var e = (await act.Should().ThrowAsync<ODataException>()).Which;
        e.Failure.Should().Be(ODataFailure.NotFound);
        e.Text.Ru.Should().Contain("состав стандартного интерфейса OData");
        h.Service.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task A_filter_on_an_unknown_field_is_rejected_without_retry()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 5);

        var act = () => h.Client().GetAsync(ODataQuery.Set("Catalog_Контрагенты") with { Filter = "Инн eq '7701234567'" }, default);

        var e = (await act.Should().ThrowAsync<ODataException>()).Which;
        e.Failure.Should().Be(ODataFailure.Rejected);
        e.Text.Ru.Should().Contain("неизвестное поле 'Инн'");
        h.Service.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task Keyed_read_and_filters_on_inn_kpp_and_guid_work_as_on_1C()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 50);
        var target = h.Trade.Generated.First(g => !g.IsEntrepreneur);
        var client = h.Client();

        var byInn = await client.GetAsync(ODataQuery.Set("Catalog_Контрагенты") with
        {
            Filter = $"ИНН eq {ODataLiteral.Text(target.Inn)} and КПП eq {ODataLiteral.Text(target.Kpp)} and DeletionMark eq false",
        }, default);
        var byKey = await client.GetAsync(ODataQuery.Set("Catalog_ДоговорыКонтрагентов") with
        {
            Filter = "Контрагент_Key eq " + ODataLiteral.Guid(target.RefKey),
        }, default);

        byInn.Select(r => r["Ref_Key"]!.GetValue<string>()).Should().Equal(target.RefKey);
        byKey.Should().NotBeEmpty().And.OnlyContain(r => r["Контрагент_Key"]!.GetValue<string>() == target.RefKey);
    }
}
