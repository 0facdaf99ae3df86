using System.Collections.Concurrent;
using WineB24.OneCConnector.Counterparties;

namespace WineB24.OneCConnector.Tests.Receivables;

/// <summary>
/// In-test stand-in for the counterparty sync's company links (the real implementation is another feature's; the
/// integrator's end-to-end test covers the pair).
/// </summary>
internal sealed class InMemoryCompanies : ICounterpartyCompanies, ICounterpartySink
{
    private readonly ConcurrentDictionary<(string, string), long> _links = new();

    public List<CounterpartyCard> Applied { get; } = [];
    public int Batches { get; private set; }

    public void Link(string memberId, string oneCId, long companyId) => _links[(memberId, oneCId.ToLowerInvariant())] = companyId;

    public Task<long?> FindCompanyIdAsync(string memberId, string oneCCounterpartyId, CancellationToken cancellationToken) =>
        Task.FromResult(_links.TryGetValue((memberId, oneCCounterpartyId.ToLowerInvariant()), out var id) ? id : (long?)null);

    public Task<string?> FindOneCIdAsync(string memberId, long companyId, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(_links.FirstOrDefault(kv => kv.Key.Item1 == memberId && kv.Value == companyId).Key.Item2);

    public Task ApplyAsync(string memberId, IReadOnlyList<CounterpartyCard> cards, CancellationToken cancellationToken)
    {
        lock (Applied)
        {
            Applied.AddRange(cards);
            Batches++;
        }
        return Task.CompletedTask;
    }
}
