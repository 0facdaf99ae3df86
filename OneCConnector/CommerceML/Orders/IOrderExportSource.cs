using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.CommerceML.Orders;

/// <summary>
/// Orders waiting to go to 1C on <c>type=sale&amp;mode=query</c>. Export is at-least-once: an order stays pending
/// until 1C confirms with <c>mode=success</c>, so the same orders are served again after a failed run.
/// The Bitrix24 deal/order mapping implements this next; until then <see cref="NoPendingOrders"/> serves none.
/// </summary>
public interface IOrderExportSource
{
    Task<IReadOnlyList<OrderDocument>> GetPendingAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>Called on <c>mode=success</c> with the ids served by the session's last <c>query</c>.</summary>
    Task ConfirmExportedAsync(string memberId, IReadOnlyList<string> orderIds, CancellationToken cancellationToken);
}

/// <summary>The source used while no order mapping is registered: 1C receives a valid document without orders.</summary>
public sealed class NoPendingOrders : IOrderExportSource
{
    public Task<IReadOnlyList<OrderDocument>> GetPendingAsync(string memberId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrderDocument>>([]);

    public Task ConfirmExportedAsync(string memberId, IReadOnlyList<string> orderIds, CancellationToken cancellationToken) => Task.CompletedTask;
}
