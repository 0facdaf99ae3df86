using FluentAssertions;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Tests.CommerceML.Parsing;

public class CommerceMLValuesTests
{
    [Theory]
    [InlineData("2021-02-18T9:49:02", 2021, 2, 18, 9, 49, 2)]
    [InlineData("2021-02-18T09:49:02", 2021, 2, 18, 9, 49, 2)]
    [InlineData("2021-02-18", 2021, 2, 18, 0, 0, 0)]
    [InlineData("2021-02-18 23:05:00", 2021, 2, 18, 23, 5, 0)]
    [InlineData("18.02.2021", 2021, 2, 18, 0, 0, 0)]
    public void Dates_in_1C_formats_parse(string text, int y, int mo, int d, int h, int mi, int s) =>
        CommerceMLValues.TryParseDateTime(text).Should().Be(new DateTime(y, mo, d, h, mi, s));

    [Theory]
    [InlineData("T")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0001-01-01T0:00:00")]
    [InlineData("вчера")]
    public void Empty_and_unparsable_dates_are_null(string? text) => CommerceMLValues.TryParseDateTime(text).Should().BeNull();

    [Fact]
    public void Separate_time_element_is_combined() =>
        CommerceMLValues.TryParseDateTime("2021-02-18", "9:05:07").Should().Be(new DateTime(2021, 2, 18, 9, 5, 7));

    [Theory]
    [InlineData("2042.66", 2042.66)]
    [InlineData("2042,66", 2042.66)]
    [InlineData("2 042,66", 2042.66)]
    [InlineData("2\u00A0042.66", 2042.66)]
    [InlineData(" -3 ", -3)]
    public void Decimals_accept_both_separators(string text, double expected) =>
        CommerceMLValues.ParseDecimal(text, "x").Should().Be((decimal)expected);

    [Fact]
    public void Bad_decimal_throws_a_russian_reason() =>
        FluentActions.Invoking(() => CommerceMLValues.ParseDecimal("12,3,4", "Количество")).Should().Throw<CommerceMLFormatException>().WithMessage("*Количество*12,3,4*");

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("истина", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("", null)]
    [InlineData("может быть", null)]
    public void Booleans_are_case_insensitive(string text, bool? expected) => CommerceMLValues.ParseBool(text).Should().Be(expected);

    [Fact]
    public void OneCId_splits_product_and_characteristic()
    {
        var id = OneCId.From(" 73bde82a-26e6-11e6-9472-00155d020201#daccfacb-26e6-11e6-9472-00155d020201 ")!.Value;

        id.ProductId.Should().Be("73bde82a-26e6-11e6-9472-00155d020201");
        id.CharacteristicId.Should().Be("daccfacb-26e6-11e6-9472-00155d020201");
        new OneCId("3471fae0#").CharacteristicId.Should().BeNull();
        new OneCId("3471fae0#").ProductId.Should().Be("3471fae0");
    }

    [Fact]
    public void Order_state_from_UT_11_derives_paid_and_shipped_from_1C_numbers()
    {
        var order = new OrderDocument(new OneCId("o"), "WB-1", null, "Заказ товара", "Продавец", "руб", 1, 10, null, null, null, null, [], [],
            [
                new NamedValue("Проведен", "true"), new NamedValue("Номер оплаты по 1С", "00000012"), new NamedValue("Дата оплаты по 1С", "2026-11-20T9:01:02"),
                new NamedValue("Отменен", "false"),
            ], false);

        order.State.Should().BeEquivalentTo(new
        {
            Posted = (bool?)true, Paid = true, Shipped = false, Cancelled = false, PaymentNumber = "00000012",
            PaymentDate = (DateTime?)new DateTime(2026, 11, 20, 9, 1, 2), Status = (string?)null,
        });
    }
}
