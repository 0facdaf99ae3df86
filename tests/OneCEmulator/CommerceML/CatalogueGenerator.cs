using System.Globalization;

namespace WineB24.OneCEmulator.CommerceML;

/// <summary>
/// Generates a wine distributor's catalogue (deterministic for a seed): groups by colour and country, wine properties
/// as 1C keeps them (colour and country as <c>Справочник</c>, grape/region as strings, vintage/volume/strength as
/// numbers), 2–3 price types and stock in N warehouses. Optionally a fraction of the products carry 1C characteristics
/// (vintage × bottle size), offered only as <c>P#C</c> variants with their own prices and stock, as УТ 11 writes them.
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

    /// <param name="variantFraction">Share of products (0–1, spread evenly) offered as characteristics instead of themselves.</param>
    /// <param name="variantsEach">Characteristics per such product (vintage × bottle size combinations).</param>
    public static CatalogueModel Create(int skus = 20_000, int warehouses = 10, int priceTypes = 3, int seed = 2026,
        double variantFraction = 0, int variantsEach = 3)
    {
        if (priceTypes is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(priceTypes), "1 to 3 price types");
        }
        if (variantFraction is < 0 or > 1 || variantsEach < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(variantFraction), "a fraction from 0 to 1, at least one variant each");
        }
        var random = new Random(seed);
        // Variants draw from their own sequence so that a catalogue without them stays byte-identical to earlier runs.
        var variantRandom = new Random(seed + 1);
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
            var id = Guid();
            var label = $"{Words[random.Next(Words.Length)]} {Names[random.Next(Names.Length)]} {Colours[colourIndex].ToLowerInvariant()}";
            var hasVariants = Math.Floor((i + 1) * variantFraction) > Math.Floor(i * variantFraction);
            var product = new ProductSpec
            {
                Id = id,
                Article = $"W-{i + 1:D6}",
                // A wine kept with characteristics is one nomenclature item; vintage and size belong to its variants.
                Name = hasVariants ? label : $"{label} {year}, {litres} л",
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
                Variants = hasVariants ? Variants(variantRandom, id, label, year, retail, priceTypes, warehouses, variantsEach) : [],
            };
            if (hasVariants)
            {
                product.Values.Remove(vintage.Id);
                product.Values.Remove(volume.Id);
            }
            products.Add(product);
        }
        return new CatalogueModel
        {
            ClassifierId = Guid(), CatalogId = Guid(), Groups = groups, Properties = properties, PriceTypes = types,
            Warehouses = stores, Products = products,
        };
    }

    /// <summary>
    /// Characteristic <c>j</c> of a product: vintage <c>year + j / 2</c>, 0,75 l for even j and 1,5 l for odd j; a
    /// magnum costs about twice the bottle, each older vintage 10 % more.
    /// </summary>
    private static List<VariantSpec> Variants(Random random, string productId, string label, int year, decimal retail, int priceTypes, int warehouses, int count)
    {
        var variants = new List<VariantSpec>(count);
        for (var j = 0; j < count; j++)
        {
            var vintage = year + j / 2;
            var litres = j % 2 == 0 ? "0,75" : "1,5";
            var own = Math.Round(retail * (j % 2 == 0 ? 1m : 2.1m) * (1m + 0.1m * (j / 2)) + random.Next(100), 2);
            var characteristic = new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()).ToString();
            variants.Add(new VariantSpec
            {
                Id = $"{productId}#{characteristic}",
                Name = $"{label} ({vintage}, {litres} л)",
                Characteristics = [("Год урожая", vintage.ToString(CultureInfo.InvariantCulture)), ("Объем", $"{litres} л")],
                Prices = new[] { own, Math.Round(own * 0.8m, 2), Math.Round(own * 0.9m, 2) }.Take(priceTypes).ToArray(),
                Stock = Enumerable.Range(0, warehouses).Select(_ => (decimal)random.Next(0, 120)).ToArray(),
            });
        }
        return variants;
    }

    /// <summary>
    /// A copy where <paramref name="fraction"/> of the products (at least one) get one change each, alternating a
    /// price (+5 %) and one warehouse's stock (+3); a product offered through variants changes one of its variants.
    /// Returns how many prices and stock totals changed (each is one Bitrix24-visible value).
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
            var variant = product.Variants.Count == 0 ? null : product.Variants[random.Next(product.Variants.Count)];
            var ownPrices = variant?.Prices ?? product.Prices;
            var ownStock = variant?.Stock ?? product.Stock;
            if (i % 2 == 0)
            {
                var type = random.Next(ownPrices.Length);
                ownPrices[type] = Math.Round(ownPrices[type] * 1.05m, 2);
                prices++;
            }
            else
            {
                ownStock[random.Next(ownStock.Length)] += 3;
                stocks++;
            }
        }
        return (copy, prices, stocks, ids);
    }
}
