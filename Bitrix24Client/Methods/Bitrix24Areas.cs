using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Methods;

/// <summary>
/// Typed calls grouped by Bitrix24 area: <c>client.Crm.Companies.AddAsync(…)</c>, <c>client.Bizproc.Robots…</c>,
/// <c>client.Placements</c>, <c>client.Events</c>, <c>client.App</c>, <c>client.Users</c>. Each wrapper is a thin,
/// allocation-cheap view over <see cref="IBitrix24Client.CallAsync"/> and states its <see cref="CallKind"/>.
/// </summary>
public static class Bitrix24Areas
{
    extension(IBitrix24Client client)
    {
        public CrmCalls Crm => new(client);
        public BizprocCalls Bizproc => new(client);
        public PlacementCalls Placements => new(client);
        public EventCalls Events => new(client);
        public AppCalls App => new(client);
        public UserCalls Users => new(client);
    }
}
