using System.ComponentModel.DataAnnotations;

namespace WineB24.OneCConnector.Deals;

/// <summary>Settings of the 1C sale inbox (<c>OneC:SaleInbox</c>), validated at start-up.</summary>
public sealed class SaleInboxOptions
{
    public const string Section = "OneC:SaleInbox";

    /// <summary>
    /// Portals whose inbox rows are applied at the same time. Bitrix24's limits are per portal, so portals do not slow
    /// each other at Bitrix24; the bound is this app's own (cores, database writes). A portal's rows stay in order.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentPortals { get; set; } = 4;
}
