namespace WineB24.Bitrix24Client.Apps;

/// <summary>
/// What a feature asks Bitrix24 to register for the app on every portal: robots, placements, event bindings,
/// app triggers and user fields. Handler paths are relative to <c>App:PublicUrl</c>; the registrar makes them
/// absolute and converges the portal to exactly this set on every install or update.
/// </summary>
public interface IAppManifestContributor
{
    IEnumerable<RobotDefinition> Robots { get; }
    IEnumerable<PlacementDefinition> Placements { get; }
    IEnumerable<EventBindingDefinition> Events { get; }
    IEnumerable<TriggerDefinition> Triggers { get; }
    IEnumerable<UserFieldDefinition> UserFields { get; }
}

/// <summary>Text in Russian and English; Bitrix24 takes <c>{"ru": …, "en": …}</c> maps.</summary>
public sealed record LocalizedText(string Ru, string En)
{
    public IReadOnlyDictionary<string, string> ToLangMap() => new Dictionary<string, string> { ["ru"] = Ru, ["en"] = En };
    public string For(string? lang) => string.Equals(lang, "ru", StringComparison.OrdinalIgnoreCase) ? Ru : En;
}

/// <summary>A robot property (input or return value). <see cref="Type"/> is a bizproc type: bool, date, datetime, double, file, int, select, string, text, user.</summary>
public sealed record RobotProperty(
    string Key,
    LocalizedText Name,
    string Type,
    bool Required = false,
    bool Multiple = false,
    string? Default = null,
    IReadOnlyDictionary<string, string>? Options = null,
    LocalizedText? Description = null);

/// <summary>
/// A bizproc robot. <see cref="DocumentTypes"/> are the CRM document types it is offered on, e.g.
/// <c>["crm","CCrmDocumentDeal","DEAL"]</c>; the first one types the properties.
/// </summary>
public sealed record RobotDefinition(
    string Code,
    LocalizedText Name,
    LocalizedText Description,
    string HandlerPath,
    IReadOnlyList<RobotProperty> Properties,
    IReadOnlyList<RobotProperty> ReturnProperties,
    IReadOnlyList<string[]> DocumentTypes,
    bool UseSubscription = true);

/// <summary>A placement binding (<c>placement.bind</c>).</summary>
public sealed record PlacementDefinition(string Placement, string HandlerPath, LocalizedText Title, LocalizedText? Description = null);

/// <summary>An event binding (<c>event.bind</c>); <see cref="Offline"/> bindings have no handler.</summary>
public sealed record EventBindingDefinition(string Event, bool Offline = false, string HandlerPath = "/events");

/// <summary>An app automation trigger (<c>crm.automation.trigger.add</c>).</summary>
public sealed record TriggerDefinition(string Code, LocalizedText Name);

/// <summary>A CRM user field (<c>crm.{entity}.userfield.add</c>); <see cref="Entity"/> is lead, deal, contact or company.</summary>
public sealed record UserFieldDefinition(
    string Entity,
    string FieldName,
    string UserTypeId,
    LocalizedText Label,
    bool Multiple = false,
    IReadOnlyList<string>? ListValues = null);
