namespace WineB24.OneCConnector.Receivables;

/// <summary>Per-counterparty sums a reader builds while walking 1C's rows: net debt, overdue part, oldest due date.</summary>
internal sealed class ReceivableTotals
{
    private readonly Dictionary<string, (decimal Debt, decimal Overdue, DateOnly? Since)> _sums = new(StringComparer.OrdinalIgnoreCase);

    public void AddDebt(string counterparty, decimal amount)
    {
        var t = _sums.GetValueOrDefault(counterparty);
        t.Debt += amount;
        _sums[counterparty] = t;
    }

    public void AddOverdue(string counterparty, decimal amount, DateOnly due)
    {
        var t = _sums.GetValueOrDefault(counterparty);
        t.Overdue += amount;
        t.Since = t.Since is { } s && s <= due ? s : due;
        _sums[counterparty] = t;
    }

    /// <summary>One receivable per counterparty with a balance or a credit limit (ids lower-case, as 1C's keys are matched).</summary>
    public IReadOnlyList<Receivable> ToReceivables(IReadOnlyDictionary<string, decimal> limits)
    {
        var ids = _sums.Keys.Union(limits.Keys, StringComparer.OrdinalIgnoreCase);
        return ids.Select(id =>
        {
            var t = _sums.GetValueOrDefault(id);
            return new Receivable(id.ToLowerInvariant(), t.Debt, t.Overdue, t.Since, limits.TryGetValue(id, out var l) ? l : null);
        }).ToList();
    }
}
