using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>What to do with one pending row: send a command, mark it done without a call, or wait for a dependency.</summary>
internal abstract record RowAction
{
    /// <param name="Retires">The command frees the Bitrix24 record for a new one (the row is unlinked and stays pending).</param>
    public sealed record Send(BatchCommand Command, bool Creates, bool Retires = false) : RowAction;
    public sealed record Done : RowAction;
    public sealed record Wait(string Reason) : RowAction;
    /// <summary>Settled without a call, the reason kept in <c>last_error</c> (our database keeps the value).</summary>
    public sealed record Held(string Reason) : RowAction;
}

/// <summary>
/// How each kind maps to catalog.* calls (sheet §9 "Catalog"). Ids the commands need (section, property, product)
/// come from <see cref="PushContext"/>, filled from the rows already linked.
/// </summary>
internal static class CatalogueCommands
{
    public const int ProductIblockId = 23;

    /// <summary>The CRM catalogue's SKU iblock (catalog.catalog.list: the row whose <c>productIblockId</c> is 23).</summary>
    public const int OffersIblockId = 25;

    /// <summary>Why a parent's own quantity is not written: Bitrix24 (cloud) keeps a parent's stock on its variations.</summary>
    public const string ParentQuantityKept = "не отправлено: у товара есть вариации, остаток — на вариациях";

    public static RowAction Build(CatalogueItemRecord row, JsonObject desired, PushContext context, string key) => row.Kind switch
    {
        CatalogueKinds.Section => Section(row, desired, context, key),
        CatalogueKinds.Property => Property(row, desired, key),
        CatalogueKinds.PropertyValue => PropertyValue(row, desired, context, key),
        CatalogueKinds.Store => Store(row, desired, key),
        CatalogueKinds.Product => Product(row, desired, context, key),
        CatalogueKinds.Variation => Variation(row, desired, context, key),
        CatalogueKinds.Quantity => Quantity(row, desired, context, key),
        CatalogueKinds.Price => Price(row, desired, context, key),
        _ => new RowAction.Done(),
    };

    /// <summary>The id of what an add created (<c>result.element.id</c>, <c>result.section.id</c> …).</summary>
    public static long? CreatedId(JToken result) => result is JObject o
        ? o.Properties().Select(p => p.Value).OfType<JObject>().Select(x => x.Value<long?>("id")).FirstOrDefault(id => id is not null)
        : null;

    private static RowAction Section(CatalogueItemRecord row, JsonObject desired, PushContext context, string key)
    {
        var parentKey = (string?)desired["parent"];
        long? parent = null;
        if (parentKey is not null && context.KnownSections.Contains(parentKey))
        {
            if (!context.Sections.TryGetValue(parentKey, out var p))
            {
                return new RowAction.Wait($"раздел-родитель {parentKey} ещё не создан");
            }
            parent = p;
        }
        var fields = new JObject
        {
            ["name"] = (string?)desired["name"], ["active"] = (string?)desired["active"], ["xmlId"] = row.Key,
            ["iblockSectionId"] = parent is null ? "" : parent,
        };
        return Write(row, key, "catalog.section", fields);
    }

    private static RowAction Property(CatalogueItemRecord row, JsonObject desired, string key)
    {
        if (row.BitrixId is { } id)
        {
            // Pending with an id = its type changed (S → L when 1C's property became a Справочник). Bitrix24 cannot change
            // a property's type, so the old one is deactivated under a freed code and a new one is added with the code.
            var retired = new JObject { ["iblockId"] = ProductIblockId, ["active"] = "N", ["code"] = $"{row.Key}_OLD{id}", ["xmlId"] = $"{row.Key}_OLD{id}" };
            return new RowAction.Send(new BatchCommand(key, "catalog.productProperty.update", new JObject { ["id"] = id, ["fields"] = retired }, CallKind.IdempotentWrite), false, true);
        }
        var fields = new JObject
        {
            ["iblockId"] = ProductIblockId, ["name"] = (string?)desired["name"], ["code"] = row.Key, ["xmlId"] = row.Key,
            ["propertyType"] = (string?)desired["type"], ["multiple"] = "N", ["active"] = "Y",
        };
        return new RowAction.Send(new BatchCommand(key, "catalog.productProperty.add", new JObject { ["fields"] = fields }, CallKind.Create), true);
    }

    private static RowAction PropertyValue(CatalogueItemRecord row, JsonObject desired, PushContext context, string key)
    {
        if (row.BitrixId is not null)
        {
            return new RowAction.Done(); // keyed by its text: an enum value never changes, a new text is a new value
        }
        var code = (string)desired["code"]!;
        if (!context.Properties.TryGetValue(code, out var propertyId) || !context.ListProperties.Contains(code))
        {
            return new RowAction.Wait($"свойство-список {code} ещё не создано");
        }
        var fields = new JObject { ["propertyId"] = propertyId, ["value"] = (string?)desired["value"], ["xmlId"] = DesiredRows.Hash(row.Key) };
        return new RowAction.Send(new BatchCommand(key, "catalog.productPropertyEnum.add", new JObject { ["fields"] = fields }, CallKind.Create), true);
    }

    private static RowAction Store(CatalogueItemRecord row, JsonObject desired, string key)
    {
        var fields = new JObject
        {
            ["title"] = (string?)desired["title"], ["address"] = (string?)desired["address"], ["active"] = (string?)desired["active"], ["xmlId"] = row.Key,
        };
        return row.BitrixId is { } id
            ? new RowAction.Send(new BatchCommand(key, "catalog.store.update", new JObject { ["id"] = id, ["fields"] = fields }, CallKind.IdempotentWrite), false)
            : new RowAction.Send(new BatchCommand(key, "catalog.store.add", new JObject { ["fields"] = fields }, CallKind.Create), true);
    }

    private static RowAction Product(CatalogueItemRecord row, JsonObject desired, PushContext context, string key)
    {
        var active = (string?)desired["active"] ?? "Y";
        if (row.BitrixId is null && active == "N")
        {
            return new RowAction.Done(); // deleted in 1C before it ever reached Bitrix24: nothing to deactivate
        }
        var fields = new JObject { ["name"] = (string?)desired["name"], ["active"] = active, ["xmlId"] = row.Key };
        var sectionKey = (string?)desired["section"];
        // A group 1C never described in a classifier is ignored rather than waited for forever.
        if (sectionKey is not null && context.KnownSections.Contains(sectionKey))
        {
            if (!context.Sections.TryGetValue(sectionKey, out var section))
            {
                return new RowAction.Wait($"раздел {sectionKey} ещё не создан");
            }
            fields["iblockSectionId"] = section;
        }
        foreach (var (code, value) in desired["props"] as JsonObject ?? [])
        {
            if (!context.Properties.TryGetValue(code, out var propertyId))
            {
                return new RowAction.Wait($"свойство {code} ещё не создано");
            }
            var text = (string?)value;
            if (context.ListProperties.Contains(code) && text is not null)
            {
                if (!context.PropertyValues.TryGetValue(WineListValues.ValueKey(code, text), out var enumId))
                {
                    return new RowAction.Wait($"значение «{text}» свойства {code} ещё не создано");
                }
                fields["property" + propertyId] = enumId;
                continue;
            }
            // "" clears a value 1C no longer sends (PHP query encoding drops nulls).
            fields["property" + propertyId] = text ?? "";
        }
        // A product with variations is a parent (catalog.product.sku.*): created as one when 1C already has its variants,
        // updated as one once a variation made it type 3 in Bitrix24.
        var entity = row.BitrixId is null
            ? context.Parents.WithVariations.Contains(row.Key) ? "catalog.product.sku" : "catalog.product"
            : context.Parents.InBitrix.Contains(row.Key) ? "catalog.product.sku" : "catalog.product";
        return Write(row, key, entity, fields);
    }

    private static RowAction Variation(CatalogueItemRecord row, JsonObject desired, PushContext context, string key)
    {
        var active = (string?)desired["active"] ?? "Y";
        if (row.BitrixId is { } id)
        {
            var changes = new JObject { ["name"] = (string?)desired["name"], ["active"] = active };
            return new RowAction.Send(new BatchCommand(key, "catalog.product.offer.update", new JObject { ["id"] = id, ["fields"] = changes }, CallKind.IdempotentWrite), false);
        }
        if (active == "N")
        {
            return new RowAction.Done(); // gone in 1C before it ever reached Bitrix24
        }
        if (!context.Products.TryGetValue((string)desired["parent"]!, out var parentId))
        {
            return new RowAction.Wait("товар-родитель ещё не создан");
        }
        var fields = new JObject
        {
            ["iblockId"] = OffersIblockId, ["name"] = (string?)desired["name"], ["active"] = active, ["xmlId"] = row.Key, ["parentId"] = parentId,
        };
        return new RowAction.Send(new BatchCommand(key, "catalog.product.offer.add", new JObject { ["fields"] = fields }, CallKind.Create), true);
    }

    private static RowAction Quantity(CatalogueItemRecord row, JsonObject desired, PushContext context, string key)
    {
        if (context.Parents.InBitrix.Contains(row.Key))
        {
            return new RowAction.Held(ParentQuantityKept);
        }
        if (!context.Products.TryGetValue(row.Key, out var productId))
        {
            return new RowAction.Wait("товар ещё не создан");
        }
        var fields = new JObject { ["quantity"] = (string?)desired["quantity"] };
        var method = context.VariationKeys.Contains(row.Key) ? "catalog.product.offer.update" : "catalog.product.update";
        return new RowAction.Send(new BatchCommand(key, method, new JObject { ["id"] = productId, ["fields"] = fields }, CallKind.IdempotentWrite), false);
    }

    private static RowAction Price(CatalogueItemRecord row, JsonObject desired, PushContext context, string key)
    {
        if (desired["deleted"] is not null)
        {
            // The 1C price type no longer maps to this Bitrix24 type: the row it wrote goes.
            return row.BitrixId is { } old
                ? new RowAction.Send(new BatchCommand(key, "catalog.price.delete", new JObject { ["id"] = old }, CallKind.IdempotentWrite), false)
                : new RowAction.Done();
        }
        if (!context.Products.TryGetValue((string)desired["product"]!, out var productId))
        {
            return new RowAction.Wait("товар ещё не создан");
        }
        if (row.BitrixId is { } id)
        {
            var changes = new JObject { ["price"] = (string?)desired["price"], ["currency"] = (string?)desired["currency"] };
            return new RowAction.Send(new BatchCommand(key, "catalog.price.update", new JObject { ["id"] = id, ["fields"] = changes }, CallKind.IdempotentWrite), false);
        }
        var fields = new JObject
        {
            ["productId"] = productId, ["catalogGroupId"] = (int)desired["type"]!, ["price"] = (string?)desired["price"], ["currency"] = (string?)desired["currency"],
        };
        return new RowAction.Send(new BatchCommand(key, "catalog.price.add", new JObject { ["fields"] = fields }, CallKind.Create), true);
    }

    private static RowAction Write(CatalogueItemRecord row, string key, string entity, JObject fields)
    {
        if (row.BitrixId is { } id)
        {
            return new RowAction.Send(new BatchCommand(key, entity + ".update", new JObject { ["id"] = id, ["fields"] = fields }, CallKind.IdempotentWrite), false);
        }
        fields["iblockId"] = ProductIblockId;
        return new RowAction.Send(new BatchCommand(key, entity + ".add", new JObject { ["fields"] = fields }, CallKind.Create), true);
    }
}

/// <summary>Bitrix24 ids of already linked rows, by 1C key.</summary>
internal sealed class PushContext
{
    public Dictionary<string, long> Sections { get; } = new(StringComparer.Ordinal);
    /// <summary>Every group 1C described, linked or not.</summary>
    public HashSet<string> KnownSections { get; } = new(StringComparer.Ordinal);
    /// <summary>Linked properties whose current definition is in Bitrix24 (a pending type change is not).</summary>
    public Dictionary<string, long> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Codes of list (L) properties among <see cref="Properties"/>.</summary>
    public HashSet<string> ListProperties { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Enum value ids by <see cref="WineListValues.ValueKey"/>.</summary>
    public Dictionary<string, long> PropertyValues { get; } = new(StringComparer.Ordinal);
    /// <summary>Linked products and variations (1C key → Bitrix24 id): what quantities and prices are written on.</summary>
    public Dictionary<string, long> Products { get; } = new(StringComparer.Ordinal);
    public VariationParents Parents { get; set; } = VariationParents.None;
    /// <summary>Keys among <see cref="Products"/> that are variations (their quantity goes through catalog.product.offer.update).</summary>
    public HashSet<string> VariationKeys { get; } = new(StringComparer.Ordinal);
}
