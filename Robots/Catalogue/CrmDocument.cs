using System.Globalization;

namespace WineB24.Robots.Catalogue;

/// <summary>
/// A CRM document id as robots receive it in <c>document_id[2]</c>: <c>LEAD_45</c>, <c>DEAL_5531</c>,
/// <c>DYNAMIC_147_1</c>. The id is the number after the last underscore (sheet §6.2).
/// </summary>
public sealed record CrmDocument(string Type, long Id)
{
    public static CrmDocument Parse(string documentId)
    {
        var cut = documentId.LastIndexOf('_');
        if (cut <= 0 || !long.TryParse(documentId.AsSpan(cut + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            throw new RobotFailure(new("Неизвестный документ CRM: " + documentId, "Unknown CRM document: " + documentId));
        }
        return new CrmDocument(documentId[..cut].ToUpperInvariant(), id);
    }

    public override string ToString() => Type + "_" + Id.ToString(CultureInfo.InvariantCulture);
}
