using System.Globalization;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;

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

    /// <summary>
    /// The company this document stands for: a company itself, a deal's or contact's <c>COMPANY_ID</c> (one get), null
    /// when it has none. Other types carry no company; callers refuse them with their own wording first.
    /// </summary>
    public async Task<long?> CompanyIdAsync(IBitrix24Client client, CancellationToken ct)
    {
        var record = Type switch
        {
            "COMPANY" => null,
            "DEAL" => await client.Crm.Deals.GetAsync(Id, ct),
            "CONTACT" => await client.Crm.Contacts.GetAsync(Id, ct),
            _ => throw new InvalidOperationException($"{this} carries no company"),
        };
        if (record is null) return Id;
        return long.TryParse(record.Value<string>("COMPANY_ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    public override string ToString() => Type + "_" + Id.ToString(CultureInfo.InvariantCulture);
}
