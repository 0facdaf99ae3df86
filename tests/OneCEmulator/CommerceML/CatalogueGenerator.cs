using System.Globalization;

namespace WineB24.OneCEmulator.CommerceML;

/// <summary>
/// Generates a wine distributor's catalogue (deterministic for a seed): groups by colour and country, wine properties
/// as 1C keeps them (colour and country as <c>Справочник</c>, grape/region as strings, vintage/volume/strength as
/// numbers), 2–3 price types and stock in N warehouses.
/// </summary>
public static class CatalogueGenerator
{
    private static readonly string[] Colours = ["Красное", "Белое", "Розовое", "Игристое", "Оранжевое"];
    private static readonly (string Country, string[] Regions)[] Countries =
    [
        ("Франция", ["Бордо", "Бургундия", "Долина Роны", "Шампань", "Эльзас", "Луара"]),
        ("Италия", ["Тоскана", "Пьемонт", "Венето", "Сицилия"]),
        ("Испания", ["Риоха", "Рибера-дель-Дуэро", "Приорат"]),
        ("Россия", ["Крым", "Кубань", "Долина Дона"]),
        ("Грузия", ["Кахетия", "Имерети"]),
        ("Португалия", ["Дору", "Алентежу"]),
        ("Германия", ["Мозель", "Рейнгау"]),
        ("Чили", ["Долина Майпо", "Колчагуа"]),
    ];
    private static readonly string[] Grapes =
        ["Каберне Совиньон", "Мерло", "Пино Нуар", "Шардоне", "Совиньон Блан", "Рислинг", "Санджовезе", "Неббиоло", "Темпранильо", "Саперави", "Ркацители", "Красностоп", "Сира", "Гевюрцтраминер"];
    private static readonly string[] Words = ["Шато", "Домен", "Кастелло", "Бодега", "Вилла", "Усадьба", "Кинта", "Вайнгут"];
    private static readonly string[] Names = ["Лафон", "Беллини", "Сантос", "Дивноморское", "Алазани", "Мартен", "Россо", "Гран Резерв", "Терруар", "Лоза"];

    public static CatalogueModel Create(int skus = 20_000, int warehouses = 10, int priceTypes = 3, int seed = 2026)
    {
        if (priceTypes is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(priceTypes), "1 to 3 price types");
        }
        var random = new Random(seed);
        string Guid() => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()).ToString();

        var root = new GroupSpec(Guid(), "Вино", null);
        var groups = new List<GroupSpec> { root };
        var byColour = Colours.ToDictionary(c => c, c =>
        {
            var g = new GroupSpec(Guid(), $"{c} вино", root.Id);
            groups.Add(g);
            return g;
        });

        var colour = new PropertySpec(Guid(), "Цвет", "Справочник", Colours.Select(c => (Guid(), c)).ToList());
        var country = new PropertySpec(Guid(), "Страна", "Справочник", Countries.Select(c => (Guid(), c.Country)).ToList());
        var grape = new PropertySpec(Guid(), "Сорт винограда", "Строка", []);
        var region = new PropertySpec(Guid(), "Регион", "Строка", []);
        var vintage = new PropertySpec(Guid(), "Год урожая", "Число", []);
        var volume = new PropertySpec(Guid(), "Объем", "Число", []);
        var strength = new PropertySpec(Guid(), "Крепость", "Число", []);
        PropertySpec[] properties = [colour, country, grape, region, vintage, volume, strength];

        var types = new[] { ("Розничная", "RUB"), ("Оптовая", "RUB"), ("HoReCa", "RUB") }.Take(priceTypes)
            .Select(t => new PriceTypeSpec(Guid(), t.Item1, t.Item2)).ToList();
        var stores = Enumerable.Range(1, warehouses)
            .Select(i => new WarehouseSpec(Guid(), i == 1 ? "Основной склад" : $"Склад №{i}", $"г. Москва, ул. Винная, д. {i}")).ToList();

        var products = new List<ProductSpec>(skus);
        for (var i = 0; i < skus; i++)
        {
            var colourIndex = random.Next(Colours.Length);
            var countryIndex = random.Next(Countries.Length);
            var (countryName, regions) = Countries[countryIndex];
            var year = 2010 + random.Next(15);
            var litres = random.Next(10) == 0 ? "1,5" : random.Next(6) == 0 ? "0,375" : "0,75";
            var retail = Math.Round(500m + random.Next(20_000) + random.Next(100) / 100m, 2);
            var prices = new[] { retail, Math.Round(retail * 0.8m, 2), Math.Round(retail * 0.9m, 2) }.Take(priceTypes).ToArray();
            var stock = Enumerable.Range(0, warehouses).Select(_ => (decimal)random.Next(0, 240)).ToArray();
            products.Add(new ProductSpec
            {
                Id = Guid(),
                Article = $"W-{i + 1:D6}",
                Name = $"{Words[random.Next(Words.Length)]} {Names[random.Next(Names.Length)]} {Colours[colourIndex].ToLowerInvariant()} {year}, {litres} л",
                GroupId = byColour[Colours[colourIndex]].Id,
                Values = new Dictionary<string, string>
                {
                    [colour.Id] = colour.Options[colourIndex].Id,
                    [country.Id] = country.Options[countryIndex].Id,
                    [grape.Id] = Grapes[random.Next(Grapes.Length)],
                    [region.Id] = regions[random.Next(regions.Length)],
                    [vintage.Id] = year.ToString(CultureInfo.InvariantCulture),
                    [volume.Id] = litres,
                    [strength.Id] = (11 + random.Next(8) * 0.5m).ToString("0.0", CultureInfo.InvariantCulture),
                },
                Prices = prices,
                Stock = stock,
            });
        }
        return new CatalogueModel
        {
            ClassifierId = Guid(), CatalogId = Guid(), Groups = groups, Properties = properties, PriceTypes = types,
            Warehouses = stores, Products = products,
        };
    }

    /// <summary>
    /// A copy where <paramref name="fraction"/> of the products (at least one) get one change each, alternating a
    /// price (+5 %) and one warehouse's stock (+3). Returns how many prices and stock totals changed.
    /// </summary>
    public static (CatalogueModel Model, int PriceChanges, int StockChanges, IReadOnlyList<string> ChangedProductIds) ChangeFraction(
        CatalogueModel model, double fraction = 0.01, int seed = 7)
    {
        var copy = model.Clone();
        var random = new Random(seed);
        var count = Math.Max(1, (int)Math.Round(copy.Products.Count * fraction));
        var picked = Enumerable.Range(0, copy.Products.Count).OrderBy(_ => random.Next()).Take(count).ToList();
        int prices = 0, stocks = 0;
        var ids = new List<string>();
        for (var i = 0; i < picked.Count; i++)
        {
            var product = copy.Products[picked[i]];
            ids.Add(product.Id);
            if (i % 2 == 0)
            {
                var type = random.Next(product.Prices.Length);
                product.Prices[type] = Math.Round(product.Prices[type] * 1.05m, 2);
                prices++;
            }
            else
            {
                product.Stock[random.Next(product.Stock.Length)] += 3;
                stocks++;
            }
        }
        return (copy, prices, stocks, ids);
    }
}
