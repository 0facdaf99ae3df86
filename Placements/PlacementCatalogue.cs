using WineB24.Bitrix24Client.Apps;

namespace WineB24.Placements;

/// <summary>
/// The bindable placements the app declares (<c>placement.bind</c>). The settings page is the app's DEFAULT page,
/// served at the Application URL <c>/placements/default</c>; DEFAULT cannot be bound, so it is not listed. No
/// card tabs or menus are built yet, so the list is empty.
/// </summary>
public sealed class PlacementCatalogue : IAppManifestContributor
{
    /// <summary>Path of the Application URL (the DEFAULT placement).</summary>
    public const string ApplicationPath = "/placements/default";

    public IEnumerable<RobotDefinition> Robots => [];
    public IEnumerable<PlacementDefinition> Placements => [];
    public IEnumerable<EventBindingDefinition> Events => [];
    public IEnumerable<TriggerDefinition> Triggers => [];
    public IEnumerable<UserFieldDefinition> UserFields => [];
}
