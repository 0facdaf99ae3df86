namespace WineB24.OneCConnector.Receivables;

/// <summary>
/// What one 1C counterparty owes as read from 1C: debt net of prepayments (negative = we hold its advance), the part past
/// its due dates, the oldest unpaid due date and the credit limit of its contracts (null when 1C keeps none).
/// </summary>
public sealed record Receivable(string CounterpartyId, decimal Debt, decimal Overdue, DateOnly? OverdueSince, decimal? CreditLimit)
{
    public int DaysOverdue(DateOnly today) => OverdueSince is { } since && since < today ? today.DayNumber - since.DayNumber : 0;

    public bool OverCreditLimit => CreditLimit is { } limit && Debt > limit;

    /// <summary>A stable fingerprint of the values; the same values cost no Bitrix24 write.</summary>
    public string Fingerprint() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Debt:0.00}|{Overdue:0.00}|{OverdueSince:yyyy-MM-dd}|{CreditLimit:0.00}");

    public static Receivable Zero(string counterpartyId) => new(counterpartyId, 0, 0, null, null);
}
