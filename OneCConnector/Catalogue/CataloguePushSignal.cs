using System.Threading.Channels;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>Tells the push worker that a portal has new pending rows (the rows themselves are durable in the database).</summary>
public sealed class CataloguePushSignal
{
    private readonly Channel<string> channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Notify(string memberId) => channel.Writer.TryWrite(memberId);

    internal ChannelReader<string> Reader => channel.Reader;
}
