using WineB24.PortalEmulator.Portal;


namespace WineB24.Bench.OneCImport;

/// <summary>
/// When (emulated) a phase's Bitrix24 requests began and ended, sampled from the portal's request counter. The push
/// may start while 1C is still uploading (the import signals the pusher after each file; on PostgreSQL it does not
/// wait for the SQLite writer lock), so "push after the exchange" understates it and the rate bound must be compared
/// with this span instead. Resolution: one sample per 50 ms real (0.5 s emulated at ×10).
/// </summary>
public sealed class PortalActivity : IAsyncDisposable
{
    private readonly EmulatedPortal portal;
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    private PortalActivity(EmulatedPortal portal, TimeProvider clock)
    {
        this.portal = portal;
        this.clock = clock;
        Started = clock.GetUtcNow();
        sampling = SampleAsync();
    }

    private readonly List<(DateTimeOffset At, long Requests)> samples = [];
    private long startRequests;

    public DateTimeOffset Started { get; }
    public DateTimeOffset? FirstRequest { get; private set; }
    public DateTimeOffset? LastRequest { get; private set; }

    /// <summary>First to last request of the phase (emulated); zero when the phase sent none.</summary>
    public TimeSpan Span => FirstRequest is { } first && LastRequest is { } last ? last - first : TimeSpan.Zero;

    /// <summary>Requests of the phase sent by <paramref name="moment"/> (as of the last sample before it); read after disposing.</summary>
    public long RequestsBy(DateTimeOffset moment) => samples.Where(x => x.At <= moment).Select(x => x.Requests).DefaultIfEmpty(startRequests).Last() - startRequests;

    public static PortalActivity Watch(ImportBench bench) => new(bench.Portal, bench.Clock);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await sampling;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }

    private async Task SampleAsync()
    {
        var seen = startRequests = portal.Stats.Requests;
        var previous = clock.GetUtcNow();
        samples.Add((previous, seen));
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(50, stop.Token);
            var now = clock.GetUtcNow();
            var requests = portal.Stats.Requests;
            samples.Add((now, requests));
            if (requests != seen)
            {
                // The new requests came between the previous sample and this one: the span errs on the long side.
                FirstRequest ??= previous;
                LastRequest = now;
                seen = requests;
            }
            previous = now;
        }
    }
}
