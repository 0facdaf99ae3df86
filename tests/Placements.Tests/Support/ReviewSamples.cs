using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.Counterparties;

namespace WineB24.Placements.Tests.Support;

/// <summary>A review list with one of each case the page handles: a card that is still wrong, one that applies now, an order.</summary>
public static class ReviewSamples
{
    public const string BadId = "bad-1";
    public const string GoodId = "good-1";
    public const string GoodName = "ООО «Погреб»";
    public const string OrderId = "ЗК-17";

    /// <summary>
    /// <see cref="BadId"/> named <paramref name="badName"/> with an INN that fails its checksum, <see cref="GoodId"/> held back
    /// earlier (say Bitrix24 refused the write) that applies now, and the unknown order <see cref="OrderId"/>.
    /// </summary>
    public static async Task AddAsync(PlacementHost host, string badName)
    {
        var member = host.Portal.MemberId;
        var review = host.Services.GetRequiredService<ReviewList>();
        var bad = new CounterpartyCard(BadId, badName, null, "7707083894", "770701001", CounterpartyKind.LegalEntity, null, [], [], false);
        var good = new CounterpartyCard(GoodId, GoodName, null, "7707083893", "770701001", CounterpartyKind.LegalEntity, null, [], [], false);
        await review.AddAsync(member, ReviewList.CounterpartySubject, bad.OneCId, new ReviewReason("inn_checksum", new("ИНН с ошибкой", "INN checksum")),
            CounterpartyCards.Serialize(bad), default);
        await review.AddAsync(member, ReviewList.CounterpartySubject, good.OneCId, new ReviewReason("bitrix24_refused", new("Bitrix24 отказал", "Bitrix24 refused")),
            CounterpartyCards.Serialize(good), default);
        await review.AddAsync(member, ReviewList.OrderSubject, OrderId, new ReviewReason("unknown_order", new("Неизвестный заказ", "Unknown order")), "{}", default);
    }
}
