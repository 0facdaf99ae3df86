using System.Globalization;
using FluentAssertions;
using WineB24.OneCEmulator.CommerceML;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>Справочник properties become Bitrix24 list properties; products carry enum ids; options map one to one.</summary>
[Collection(CatalogueCollection.Name)]
public sealed class WineListPropertyTests
{
    private static CatalogueModel WithProperties(CatalogueModel model, IReadOnlyList<PropertySpec> properties, List<ProductSpec> products) => new()
    {
        ClassifierId = model.ClassifierId, CatalogId = model.CatalogId, Groups = model.Groups, Properties = properties,
        PriceTypes = model.PriceTypes, Warehouses = model.Warehouses, Products = products,
    };

    private static int EnumOf(CatalogueHarness h, string productXmlId, string code)
    {
        var property = h.Portal.Catalog.AllProperties().Single(p => (string?)p["code"] == code && (string?)p["active"] == "Y");
        var product = h.Portal.Catalog.FindProductByXmlId(productXmlId)!;
        return int.Parse((string)product["property" + (int)property["id"]!]!["value"]!, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_new_option_in_1C_adds_one_enum_value_and_a_resent_classifier_adds_none()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 20, warehouses: 1, priceTypes: 1, seed: 41);
        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();
        var colour = model.Properties.Single(p => p.Name == "Цвет");
        var country = model.Properties.Single(p => p.Name == "Страна");
        var enums = h.Portal.Catalog.AllPropertyEnums();
        enums.Should().HaveCount(colour.Options.Count + country.Options.Count, "one enum value per option of the two Справочник properties");
        h.Portal.Catalog.AllProperties().Where(p => (string?)p["propertyType"] == "L").Select(p => (string?)p["code"])
            .Should().BeEquivalentTo(["WINE_COLOR", "WINE_COUNTRY"]);

        (await h.ExchangeAsync(model, zip: true)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();
        h.Portal.Catalog.AllPropertyEnums().Should().HaveCount(enums.Count);

        var orange = (Id: Guid.NewGuid().ToString(), Text: "Янтарное");
        var properties = model.Properties.Select(p => p.Id == colour.Id ? p with { Options = [.. p.Options, orange] } : p).ToList();
        var products = model.Clone().Products;
        products[5].Values[colour.Id] = orange.Id;
        (await h.ExchangeAsync(WithProperties(model, properties, products), zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();

        var after = h.Portal.Catalog.AllPropertyEnums();
        after.Should().HaveCount(enums.Count + 1);
        h.Portal.Catalog.AllProperties().Should().HaveCount(7, "a new option is a new enum value, not a new property");
        var added = after.Single(e => (string?)e["value"] == "Янтарное");
        EnumOf(h, products[5].Id, "WINE_COLOR").Should().Be((int)added["id"]!);
    }

    [Fact]
    public async Task A_string_property_that_becomes_a_Справочник_in_1C_is_replaced_by_a_list_property_and_products_follow()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 10, warehouses: 1, priceTypes: 1, seed: 42);
        var colour = model.Properties.Single(p => p.Name == "Цвет");
        // Before: 1C keeps colour as a string (the product holds the text).
        var asString = model.Properties.Select(p => p.Id == colour.Id ? p with { ValueType = "Строка", Options = [] } : p).ToList();
        var textProducts = model.Clone().Products;
        foreach (var p in textProducts)
        {
            p.Values[colour.Id] = colour.Options.Single(o => o.Id == p.Values[colour.Id]).Text;
        }
        (await h.ExchangeAsync(WithProperties(model, asString, textProducts), zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();
        var old = h.Portal.Catalog.AllProperties().Single(p => (string?)p["code"] == "WINE_COLOR");
        old["propertyType"]!.GetValue<string>().Should().Be("S");

        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();

        var properties = h.Portal.Catalog.AllProperties();
        var retired = properties.Single(p => (int)p["id"]! == (int)old["id"]!);
        retired["active"]!.GetValue<string>().Should().Be("N");
        var list = properties.Single(p => (string?)p["code"] == "WINE_COLOR");
        list["propertyType"]!.GetValue<string>().Should().Be("L");
        var enums = h.Portal.Catalog.AllPropertyEnums().ToDictionary(e => (int)e["id"]!, e => (string)e["value"]!);
        foreach (var spec in model.Products)
        {
            enums[EnumOf(h, spec.Id, "WINE_COLOR")].Should().Be(colour.Options.Single(o => o.Id == spec.Values[colour.Id]).Text);
        }
    }
}
