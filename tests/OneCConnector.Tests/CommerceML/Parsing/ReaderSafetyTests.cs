using System.Text;
using FluentAssertions;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Tests.CommerceML.Parsing;

public class ReaderSafetyTests
{
    private static Action Reading(string xml) => () => Fixture.ReadText(xml);

    [Fact]
    public void Dtd_is_refused()
    {
        Reading("""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><КоммерческаяИнформация>&e;</КоммерческаяИнформация>""")
            .Should().Throw<CommerceMLFormatException>().WithMessage("*DTD*");
    }

    [Fact]
    public void Foreign_root_is_refused_in_russian()
    {
        Reading("<html><body>502 Bad Gateway</body></html>").Should().Throw<CommerceMLFormatException>().WithMessage("*корневой элемент «html»*");
    }

    [Fact]
    public void Truncated_document_is_refused()
    {
        Reading("<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>1</Ид><Наименование>Мерло</Наименование></Товар>")
            .Should().Throw<CommerceMLFormatException>().WithMessage("*не полностью*");
    }

    [Fact]
    public void Product_without_id_is_refused_with_its_name()
    {
        Reading("<КоммерческаяИнформация><Каталог><Товары><Товар><Наименование>Мерло</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>")
            .Should().Throw<CommerceMLFormatException>().WithMessage("Товар «Мерло» без идентификатора (Ид).");
    }

    [Fact]
    public void Unparsable_price_is_refused()
    {
        Reading("<КоммерческаяИнформация><ПакетПредложений><Предложения><Предложение><Ид>1</Ид><Цены><Цена><ИдТипаЦены>t</ИдТипаЦены><ЦенаЗаЕдиницу>дорого</ЦенаЗаЕдиницу></Цена></Цены></Предложение></Предложения></ПакетПредложений></КоммерческаяИнформация>")
            .Should().Throw<CommerceMLFormatException>().WithMessage("*ЦенаЗаЕдиницу*дорого*");
    }

    [Fact]
    public void An_oversized_record_is_refused()
    {
        var huge = new string('я', 5000);
        var xml = $"<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>1</Ид><Описание>{huge}</Описание></Товар></Товары></Каталог></КоммерческаяИнформация>";
        var act = () => CommerceMLReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), CommerceMLReaderLimits.Default with { MaxRecordCharacters = 4000 }).ToList();

        act.Should().Throw<CommerceMLFormatException>().WithMessage("*превышает допустимый размер*");
    }

    [Fact]
    public void Document_size_limit_applies()
    {
        var xml = "<КоммерческаяИнформация>" + string.Concat(Enumerable.Repeat("<Контейнер/>", 1000)) + "</КоммерческаяИнформация>";
        var act = () => CommerceMLReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), CommerceMLReaderLimits.Default with { MaxDocumentCharacters = 2000 }).ToList();

        act.Should().Throw<CommerceMLFormatException>();
    }
}
