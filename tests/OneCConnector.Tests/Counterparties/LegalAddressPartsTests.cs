using FluentAssertions;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Tests.CommerceML.Parsing;

namespace WineB24.OneCConnector.Tests.Counterparties;

public class LegalAddressPartsTests
{
    private static List<AddressField> P(params string[] typeValue) =>
        typeValue.Select(tv => tv.Split('=')).Select(a => new AddressField(a[0], a[1])).ToList();

    private static (string A1, string A2, string City, string Zip, string Region, string Province, string Country)? Fields(List<AddressField> parts, string? line = null)
    {
        if (LegalAddressParts.Fields(parts, line) is not { } f)
        {
            return null;
        }
        string V(string k) => f.Value<string>(k)!;
        return (V("ADDRESS_1"), V("ADDRESS_2"), V("CITY"), V("POSTAL_CODE"), V("REGION"), V("PROVINCE"), V("COUNTRY"));
    }

    [Fact]
    public void The_parts_of_1Cs_own_sample_fill_the_fields_with_labelled_numbers()
    {
        // off-doc-1c/import.xml, the owner's ЮридическийАдрес as 1C writes it.
        Fields(P("Почтовый индекс=117452", "Регион=Москва г", "Населенный пункт=Москва", "Улица=Симферопольский б-р", "Дом=78", "Корпус=1"),
                "117452, Москва г, Москва, Симферопольский б-р, дом № 78, корпус 1")
            .Should().Be(("Симферопольский б-р, д. 78, корп. 1", "", "Москва", "117452", "", "Москва г", ""));
    }

    [Fact]
    public void A_full_set_of_parts_maps_region_district_city_and_premises()
    {
        Fields(P("Почтовый индекс=633010", "Страна=Россия", "Регион=Новосибирская обл", "Район=Искитимский р-н", "Город=Бердск",
                "Улица=Ленина ул", "Дом=дом № 5", "Строение=2", "Квартира=14", "Офис=3"))
            .Should().Be(("Ленина ул, дом № 5, стр. 2", "кв. 14, оф. 3", "Бердск", "633010", "Искитимский р-н", "Новосибирская обл", "Россия"));
    }

    [Fact]
    public void A_federal_city_region_without_a_city_part_is_the_city()
    {
        // umi-cms/import.xml: Регион "Москва г", Улица, Дом — no Город / Населенный пункт.
        Fields(P("Регион=Москва г", "Улица=1905 года ул", "Дом=10")).Should().Be(("1905 года ул, д. 10", "", "Москва", "", "", "Москва г", ""));
        Fields(P("Регион=Тверская обл", "Улица=Советская ул", "Дом=10")).Should().BeNull("a region is not a city");
    }

    [Fact]
    public void Village_and_town_both_named_are_kept_together()
    {
        Fields(P("Город=Сочи", "Населенный пункт=Красная Поляна", "Улица=Защитников Кавказа", "Дом=77"))!.Value.City.Should().Be("Сочи, Красная Поляна");
        Fields(P("Город=Казань", "Населенный пункт=казань", "Дом=1"))!.Value.City.Should().Be("Казань");
    }

    [Theory]
    // bitrix-3.1/documents/1.xml: Bitrix's writer copies the whole line into every part.
    [InlineData("Российская Федерация, 195027, г. Санкт-Петербург, ул. Синявинская, д. 3 корп. 2", "Почтовый индекс=Российская Федерация, 195027, г. Санкт-Петербург, ул. Синявинская, д. 3 корп. 2|Страна=Российская Федерация, 195027, г. Санкт-Петербург, ул. Синявинская, д. 3 корп. 2")]
    [InlineData("690066, Российская Федерация, Приморский край, город Владивосток", "Почтовый индекс=690078|Страна=690078")]
    [InlineData("21", "Почтовый индекс=12|Страна=12")]
    // off-doc-1c/orders.xml: a test base's "1111" is no postal code.
    [InlineData("ггг", "Почтовый индекс=1111|Улица=ггг")]
    [InlineData(null, "Город=Москва|Улица=Тверская|Дом=1|Подъезд=2")]               // unknown type: its value would be lost
    [InlineData(null, "Город=Москва|Улица=Тверская|Улица=Арбат|Дом=1")]             // one type twice
    [InlineData(null, "Город=Москва|Улица=Тверская ул|Дом=Тверская ул, д. 1, офис 12")]   // a line in a number's place
    [InlineData(null, "Почтовый индекс=125009|Город=Москва")]                        // neither street nor house
    [InlineData(null, "Улица=Тверская|Дом=1")]                                       // no locality
    public void Parts_that_are_not_really_parts_are_not_used(string? line, string parts) =>
        Fields(P(parts.Split('|')), line).Should().BeNull();

    [Fact]
    public void A_foreign_postal_code_is_allowed_only_with_a_foreign_country()
    {
        Fields(P("Почтовый индекс=LV-1050", "Страна=Латвия", "Город=Рига", "Улица=Brivibas iela", "Дом=1"))!.Value.Zip.Should().Be("LV-1050");
        Fields(P("Почтовый индекс=LV-1050", "Город=Рига", "Улица=Brivibas iela", "Дом=1")).Should().BeNull();
    }

    [Fact]
    public void The_card_uses_the_parts_when_trustworthy_and_the_line_otherwise()
    {
        var card = new CounterpartyCard("c", "ООО «А»", null, null, null, CounterpartyKind.LegalEntity, "Москва г, 1905 года ул, дом № 10", [], [], false);
        LegalAddress.For(card)!.Value<string>("ADDRESS_1").Should().Be("1905 года ул, дом № 10", "no parts: the line split");
        LegalAddress.For(card with { LegalAddressParts = P("Регион=Москва г", "Улица=1905 года ул", "Дом=10") })!.Value<string>("ADDRESS_1")
            .Should().Be("1905 года ул, д. 10");
        LegalAddress.For(card with { LegalAddressParts = P("Почтовый индекс=1111", "Улица=ггг") })!.Value<string>("ADDRESS_1")
            .Should().Be("1905 года ул, дом № 10", "untrustworthy parts: the line split");
        LegalAddress.For(card with { LegalAddress = null }).Should().BeNull();
    }

    [Fact]
    public void The_reader_keeps_the_parts_of_the_address_the_line_came_from()
    {
        var buyer = Fixture.Read("off-doc-1c/orders.xml").OfType<OrderDocument>().SelectMany(d => d.Counterparties).First(c => c.RegistrationAddress == "ггг");
        buyer.RegistrationAddressFields.Should().Equal(new AddressField("Почтовый индекс", "1111"), new AddressField("Улица", "ггг"));
        buyer.LegalAddressFields.Should().BeEmpty();
        var card = CounterpartyCards.From(buyer)!;
        card.LegalAddressParts.Should().Equal(buyer.RegistrationAddressFields);
        LegalAddress.For(card)!.Value<string>("ADDRESS_1").Should().Be("ггг");

        var legal = Fixture.ReadText("""
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация ВерсияСхемы="3.1"><Контрагенты><Контрагент><Ид>k-1</Ид><Наименование>ООО «Лоза»</Наименование>
            <ИНН>7707083893</ИНН><КПП>770701001</КПП>
            <ЮридическийАдрес><Представление>125009, Москва г, Тверская ул, дом № 7</Представление>
              <АдресноеПоле><Тип>Почтовый индекс</Тип><Значение>125009</Значение></АдресноеПоле>
              <АдресноеПоле><Тип>Город</Тип><Значение> Москва </Значение></АдресноеПоле>
              <АдресноеПоле><Тип>Улица</Тип><Значение>Тверская ул</Значение></АдресноеПоле>
              <АдресноеПоле><Тип>Дом</Тип><Значение>7</Значение></АдресноеПоле>
              <АдресноеПоле><Тип>Квартира</Тип><Значение></Значение></АдресноеПоле>
            </ЮридическийАдрес>
            <Адрес><Представление>Москва, склад</Представление><АдресноеПоле><Тип>Город</Тип><Значение>Химки</Значение></АдресноеПоле></Адрес>
            </Контрагент></Контрагенты></КоммерческаяИнформация>
            """).OfType<Counterparty>().Single();
        legal.LegalAddressFields.Select(f => f.Value).Should().Equal("125009", "Москва", "Тверская ул", "7");
        legal.RegistrationAddressFields.Select(f => f.Value).Should().Equal("Химки");
        var fields = LegalAddress.For(CounterpartyCards.From(legal)!)!;
        (fields.Value<string>("CITY"), fields.Value<string>("ADDRESS_1")).Should().Be(("Москва", "Тверская ул, д. 7"));
    }

    [Fact]
    public void Cards_without_parts_keep_the_hash_they_had_before_parts_existed()
    {
        var card = new CounterpartyCard("c", "ООО «А»", null, "7707083893", "770701001", CounterpartyKind.LegalEntity, "Москва", ["+7 495 1112233"], [], false);
        CounterpartyCards.Serialize(card).Should().NotContain(nameof(CounterpartyCard.LegalAddressParts));
        CounterpartyCards.Hash(card with { LegalAddressParts = P("Город=Москва") }).Should().NotBe(CounterpartyCards.Hash(card));
    }
}
