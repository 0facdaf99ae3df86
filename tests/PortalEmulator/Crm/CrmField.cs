namespace WineB24.PortalEmulator.Crm;

/// <summary>A field as crm.*.fields describes it (type names as Bitrix24 reports them).</summary>
public sealed record CrmField(string Name, string Type, string Title, bool ReadOnly = false, bool Multiple = false, bool Required = false)
{
    public bool IsMultiField => Type == "crm_multifield";

    public bool IsNumeric => Type is "integer" or "double" or "user" or "crm_company" or "crm_contact" or "crm_category";
}
