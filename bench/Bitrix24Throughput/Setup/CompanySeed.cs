using System.Globalization;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Bench.Bitrix24Throughput.Setup;

/// <summary>Puts companies straight into the emulator's CRM store (no REST calls, so the limits start untouched).</summary>
internal static class CompanySeed
{
    private static readonly string[] Kinds = ["Винотека", "Ресторан", "Бар", "Винный дом", "Гастроном", "Кафе"];

    /// <summary>Adds <paramref name="count"/> companies; returns their ids in ascending order.</summary>
    public static IReadOnlyList<long> Seed(EmulatedPortal portal, int count)
    {
        var ids = new List<long>(count);
        var now = portal.Time.GetUtcNow();
        for (var i = 1; i <= count; i++)
        {
            var fields = new JsonObject
            {
                ["TITLE"] = Title(i),
                ["COMPANY_TYPE"] = "CUSTOMER",
            };
            var record = portal.Crm.Add(CrmEntityType.Company, fields, userId: 1, now);
            ids.Add(long.Parse((string)record["ID"]!, CultureInfo.InvariantCulture));
        }
        return ids;
    }

    public static string Title(int n) => $"ООО «{Kinds[n % Kinds.Length]} №{n.ToString(CultureInfo.InvariantCulture)}»";
}
