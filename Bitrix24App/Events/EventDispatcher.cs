using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Events;

/// <summary>Hands an event to every registered <see cref="IBitrix24EventHandler"/> that declared its name.</summary>
public sealed class EventDispatcher(IEnumerable<IBitrix24EventHandler> handlers)
{
    public IReadOnlyList<IBitrix24EventHandler> HandlersFor(string eventName) =>
        handlers.Where(h => h.Events.Any(e => string.Equals(e, eventName, StringComparison.OrdinalIgnoreCase))).ToList();

    public async Task DispatchAsync(InboundEvent inboundEvent, CancellationToken cancellationToken)
    {
        foreach (var handler in HandlersFor(inboundEvent.EventName))
        {
            await handler.HandleAsync(inboundEvent, cancellationToken);
        }
    }
}
