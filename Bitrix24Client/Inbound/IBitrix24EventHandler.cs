namespace WineB24.Bitrix24Client.Inbound;

/// <summary>
/// A verified Bitrix24 event (online POST or an offline-queue record), already persisted by the app.
/// <see cref="Data"/> is the <c>data[…]</c> subtree (e.g. <c>FIELDS → ID</c>); tokens are never included.
/// </summary>
public sealed record InboundEvent(string MemberId, string EventName, IReadOnlyDictionary<string, object> Data, DateTimeOffset ReceivedAt, bool FromOfflineQueue);

/// <summary>A feature's reaction to CRM events. Handlers must be idempotent: an event may arrive online and offline.</summary>
public interface IBitrix24EventHandler
{
    /// <summary>Upper-case event names this handler wants, e.g. ONCRMLEADADD.</summary>
    IReadOnlyCollection<string> Events { get; }

    Task HandleAsync(InboundEvent inboundEvent, CancellationToken cancellationToken);
}
