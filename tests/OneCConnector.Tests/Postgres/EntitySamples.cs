using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace WineB24.OneCConnector.Tests.Postgres;

/// <summary>
/// A filled-in row of any mapped 1C entity, built from the model (not by hand) so a table added later is covered
/// without touching the tests. Values are distinct per (member, seed), Cyrillic, and sized to each column's limit.
/// </summary>
internal static class EntitySamples
{
    public const string MemberIdProperty = "MemberId";

    public static object Create(IEntityType entity, string memberId, int seed)
    {
        var row = Activator.CreateInstance(entity.ClrType)!;
        foreach (var property in entity.GetProperties())
        {
            property.PropertyInfo!.SetValue(row, Value(property, memberId, seed));
        }
        return row;
    }

    /// <summary>The rows of an entity set, read through EF (so the CLR ↔ column mapping is exercised).</summary>
    public static List<object> ReadAll(DbContext db, IEntityType entity)
    {
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
        return ((IQueryable<object>)set).ToList();
    }

    public static bool SameValues(IEntityType entity, object expected, object actual, out string difference)
    {
        foreach (var property in entity.GetProperties())
        {
            var e = property.PropertyInfo!.GetValue(expected);
            var a = property.PropertyInfo!.GetValue(actual);
            if (!Equals(e, a))
            {
                difference = $"{entity.ClrType.Name}.{property.Name}: wrote {e}, read {a}";
                return false;
            }
        }
        difference = "";
        return true;
    }

    private static object Value(IProperty property, string memberId, int seed)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        var number = seed * 1000 + Math.Abs(property.Name.GetHashCode() % 997) + 1;
        if (type == typeof(string))
        {
            if (property.Name == MemberIdProperty)
            {
                return memberId;
            }
            var text = $"{seed}-{memberId}-{property.Name}-Шардоне «Абрау» ё";
            return property.GetMaxLength() is { } max && text.Length > max ? text[..max] : text;
        }
        if (type == typeof(long))
        {
            return (long)number;
        }
        if (type == typeof(int))
        {
            return number;
        }
        if (type == typeof(decimal))
        {
            return number + 0.375m;
        }
        if (type == typeof(bool))
        {
            return true;
        }
        throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name}: no sample for {property.ClrType}; extend EntitySamples");
    }
}
