using FluentAssertions;
using WineB24.OneCConnector.Counterparties;

namespace WineB24.OneCConnector.Tests.Counterparties;

public class LegalAddressTests
{
    private static (string A1, string A2, string City, string Zip, string Region, string Province, string Country) Parts(string line)
    {
        var f = LegalAddress.Parse(line);
        string V(string k) => f.Value<string>(k)!;
        return (V("ADDRESS_1"), V("ADDRESS_2"), V("CITY"), V("POSTAL_CODE"), V("REGION"), V("PROVINCE"), V("COUNTRY"));
    }

    [Theory]
    [InlineData("125009, Москва г, Тверская ул, дом № 7, офис 12", "Тверская ул, дом № 7", "офис 12", "Москва", "125009", "", "", "")]
    [InlineData("Россия, 630099, Новосибирская обл, Новосибирск г, Красный пр-кт, дом № 20", "Красный пр-кт, дом № 20", "", "Новосибирск", "630099", "", "Новосибирская обл", "Россия")]
    [InlineData("141400, Московская обл., г. Химки, ул. Ленина, д. 1, кв. 5", "ул. Ленина, д. 1", "кв. 5", "Химки", "141400", "", "Московская обл.", "")]
    [InlineData("Санкт-Петербург, Невский пр-кт, д. 28", "Невский пр-кт, д. 28", "", "Санкт-Петербург", "", "", "", "")]
    [InlineData("  190000,   г  Санкт-Петербург , наб. Мойки,  д. 1  ", "наб. Мойки, д. 1", "", "Санкт-Петербург", "190000", "", "", "")]
    public void Lines_with_a_recognisable_city_are_split_into_fields(string line, string a1, string a2, string city, string zip, string region, string province, string country) =>
        Parts(line).Should().Be((a1, a2, city, zip, region, province, country));

    [Theory]
    [InlineData("Краснодарский край, Абинский р-н, ст-ца Холмская, ул. Мира, 3")]   // no город: a village
    [InlineData("ул. Тверская, 1")]
    [InlineData("Москва")]
    [InlineData("123456 Москва ул Тверская 1")]
    public void Lines_without_a_clear_city_stay_whole_in_address_1(string line)
    {
        var parts = Parts(line);
        parts.A1.Should().Be(string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        (parts.A2, parts.City, parts.Zip, parts.Region, parts.Province, parts.Country).Should().Be(("", "", "", "", "", ""));
    }
}
