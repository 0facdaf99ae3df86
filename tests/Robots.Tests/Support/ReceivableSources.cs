using System.Collections.Concurrent;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Receivables;

namespace WineB24.Robots.Tests.Support;

/// <summary>
/// In-test company ↔ 1C counterparty links (the real ones belong to the counterparty sync, another feature; the
/// integrator's end-to-end test joins the two).
/// </summary>
public sealed class CompanyLinks : ICounterpartyCompanies
{
    private readonly ConcurrentDictionary<(string Member, long Company), string> _links = new();

    public void Link(string memberId, long companyId, string oneCId) => _links[(memberId, companyId)] = oneCId;

    public Task<long?> FindCompanyIdAsync(string memberId, string oneCCounterpartyId, CancellationToken cancellationToken) =>
        Task.FromResult(_links.Where(kv => kv.Key.Member == memberId && kv.Value == oneCCounterpartyId).Select(kv => (long?)kv.Key.Company).FirstOrDefault());

    public Task<string?> FindOneCIdAsync(string memberId, long companyId, CancellationToken cancellationToken) =>
        Task.FromResult(_links.TryGetValue((memberId, companyId), out var id) ? id : null);
}

/// <summary>An in-memory receivables snapshot for robot tests that do not need the database.</summary>
public sealed class ReceivablesSnapshots : IReceivablesSnapshot
{
    private readonly ConcurrentDictionary<(string Member, string Counterparty), ReceivableSnapshot> _rows = new();

    public void Put(string memberId, ReceivableSnapshot snapshot) => _rows[(memberId, snapshot.Receivable.CounterpartyId)] = snapshot;

    public Task<ReceivableSnapshot?> FindAsync(string memberId, string counterpartyId, CancellationToken ct) =>
        Task.FromResult(_rows.TryGetValue((memberId, counterpartyId), out var s) ? s : null);
}
