using System.Globalization;

namespace WineB24.Robots.Duplicates;

/// <summary>A lead, contact or company by type and id; prints as <c>LEAD_12</c>, the form workflows show.</summary>
public sealed record CrmRef(string Type, long Id)
{
    public const string Lead = "LEAD";
    public const string Contact = "CONTACT";
    public const string Company = "COMPANY";
    public const string Deal = "DEAL";

    /// <summary>Types <c>crm.duplicate.findbycomm</c> searches, in its order.</summary>
    public static readonly string[] SearchableTypes = [Lead, Contact, Company];

    public override string ToString() => Type + "_" + Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The legacy method family: <c>crm.lead</c>, <c>crm.contact</c>…</summary>
    public string MethodPrefix => "crm." + Type.ToLowerInvariant();
}
