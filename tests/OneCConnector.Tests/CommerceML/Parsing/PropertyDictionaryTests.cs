using FluentAssertions;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Tests.CommerceML.Parsing;

public class PropertyDictionaryTests
{
    [Fact]
    public void Wine_properties_resolve_to_names_and_reference_texts()
    {
        var records = Fixture.ReadText("""
            <КоммерческаяИнформация ВерсияСхемы="2.08">
              <Классификатор><Свойства>
                <Свойство><Ид>p-colour</Ид><Наименование>Цвет</Наименование><ТипЗначений>Справочник</ТипЗначений>
                  <ВариантыЗначений><Справочник><ИдЗначения>v-red</ИдЗначения><Значение>Красное</Значение></Справочник></ВариантыЗначений></Свойство>
                <Свойство><Ид>p-grape</Ид><Наименование>Сорт винограда</Наименование><ТипЗначений>Справочник</ТипЗначений>
                  <ВариантыЗначений>
                    <Справочник><ИдЗначения>g-1</ИдЗначения><Значение>Каберне Совиньон</Значение></Справочник>
                    <Справочник><ИдЗначения>g-2</ИдЗначения><Значение>Мерло</Значение></Справочник>
                  </ВариантыЗначений></Свойство>
                <Свойство><Ид>p-country</Ид><Наименование>Страна</Наименование><ТипЗначений>Строка</ТипЗначений></Свойство>
                <Свойство><Ид>p-volume</Ид><Наименование>Объём, л</Наименование><ТипЗначений>Число</ТипЗначений></Свойство>
              </Свойства></Классификатор>
              <Каталог><Товары><Товар><Ид>w-1</Ид><Наименование>Бордо 2016</Наименование>
                <ЗначенияСвойств>
                  <ЗначенияСвойства><Ид>p-colour</Ид><Значение>v-red</Значение></ЗначенияСвойства>
                  <ЗначенияСвойства><Ид>p-grape</Ид><Значение>g-1</Значение><Значение>g-2</Значение></ЗначенияСвойства>
                  <ЗначенияСвойства><Ид>p-country</Ид><Значение>Франция</Значение></ЗначенияСвойства>
                  <ЗначенияСвойства><Ид>p-volume</Ид><Значение>0,75</Значение></ЗначенияСвойства>
                  <ЗначенияСвойства><Ид>p-unknown</Ид><Значение>x</Значение></ЗначенияСвойства>
                </ЗначенияСвойств></Товар></Товары></Каталог>
            </КоммерческаяИнформация>
            """);
        var dictionary = new PropertyDictionary();
        foreach (var definition in records.OfType<PropertyDefinition>())
        {
            dictionary.Add(definition);
        }

        var resolved = dictionary.Resolve(records.OfType<Product>().Single().Properties);

        resolved.Select(p => (p.Name, string.Join("; ", p.Values))).Should().Equal(
            ("Цвет", "Красное"), ("Сорт винограда", "Каберне Совиньон; Мерло"), ("Страна", "Франция"), ("Объём, л", "0,75"), ("p-unknown", "x"));
    }

    [Fact]
    public void Real_3_1_property_package_resolves_offer_values()
    {
        var dictionary = new PropertyDictionary();
        foreach (var definition in Fixture.Read("bitrix-3.1/properties/offers.xml").OfType<PropertyDefinition>())
        {
            dictionary.Add(definition);
        }
        foreach (var definition in Fixture.Read("bitrix-3.1/properties/import.xml").OfType<PropertyDefinition>())
        {
            dictionary.Add(definition);
        }

        var offer = Fixture.Read("bitrix-3.1/goods/offers.xml").OfType<Offer>().First();
        var resolved = dictionary.Resolve(offer.Properties);

        dictionary.Count.Should().Be(37, "25 + 12 property definitions in the two packages");
        resolved.Should().HaveCount(3);
        resolved.Should().OnlyContain(p => p.Name != p.PropertyId, "every property of the offer is defined in the packages");
        resolved.SelectMany(p => p.Values).Should().BeEquivalentTo("RL 00610", "бессрочная", "лицензия + базовая техподдержка 1 год");
    }
}
