using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// Errors of the catalog.* controllers as b24restdocs lists them: HTTP 400 with numeric codes —
/// <c>100</c> when <c>fields</c> is missing, <c>200040300000</c> for an unknown iblock, <c>0</c> for validation
/// failures (required fields, unknown section/currency, duplicates) and for unknown records.
/// </summary>
internal static class CatalogErrors
{
    public static RestError FieldsMissing() => new(400, "100", "Could not find value for parameter {fields}");

    public static RestError UnknownIblock() => new(400, "200040300000", "Iblock is not exists");

    public static RestError Required(params string[] names) => new(400, "0", "Required fields: " + string.Join(", ", names));

    public static RestError Invalid(string text) => new(400, "0", text);

    public static RestError NotFound(string what) => new(400, "0", $"{what} is not exists");
}
