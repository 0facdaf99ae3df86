using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.Deals;
using WineB24.Robots.Catalogue;

namespace WineB24.Robots.OneCCounterparty;

/// <summary>
/// «Создать контрагента в 1С»: on a deal, queues the deal as an order for 1C's next <c>type=sale&amp;mode=query</c>
/// with its company and requisites (1C creates the counterparty while importing it, the only way the site protocol
/// offers); on a company already linked to 1C, answers <c>known</c> with the 1C id; on an unlinked company, queues it
/// to travel with its next order. Returns Status (queued | known), OneCId (when known) and OrderNumber.
/// </summary>
public sealed class CreateCounterpartyRobot(OrderExportQueue? queue = null) : IRobot
{
    public const string Code = "wineb24_create_counterparty_1c";
    public const string Status = "Status";
    public const string OneCId = "OneCId";
    public const string OrderNumber = "OrderNumber";

    public RobotDefinition Definition { get; } = new(
        Code,
        new("Создать контрагента в 1С", "Create counterparty in 1C"),
        new("Передаёт компанию (и сделку как заказ) в 1С при следующем обмене; если компания уже есть в 1С, возвращает её код",
            "Sends the company (and the deal as an order) to 1C at the next exchange; returns the 1C id when the company is already there"),
        RobotCatalogue.HandlerPathFor(Code),
        Properties: [],
        ReturnProperties:
        [
            new(Status, new("Статус", "Status"), "string",
                Description: new("queued — ждёт обмена с 1С; known — уже есть в 1С", "queued — waits for the 1C exchange; known — already in 1C")),
            new(OneCId, new("Код в 1С", "1C id"), "string"),
            new(OrderNumber, new("Номер заказа для 1С", "Order number for 1C"), "string"),
            RobotReturns.Error,
        ],
        DocumentTypes: [RobotReturns.Deal, RobotReturns.Company]);

    public async Task<RobotOutcome> RunAsync(RobotInvocation invocation, IBitrix24Client client, CancellationToken cancellationToken)
    {
        if (queue is null)
        {
            throw new RobotFailure(new("Обмен с 1С не настроен в приложении.", "The 1C exchange is not set up in the app."));
        }
        var document = invocation.Document;
        var company = await CompanyOf(invocation, document, client, cancellationToken);
        var known = company is { } companyId ? await queue.QueueCompanyAsync(invocation.MemberId, companyId, cancellationToken) : null;
        QueueOutcome outcome;
        if (document.Type == "DEAL")
        {
            var order = await queue.QueueDealAsync(invocation.MemberId, document.Id, cancellationToken);
            outcome = order with { Queued = true, OneCId = known?.OneCId };
        }
        else
        {
            outcome = known!;
        }
        var status = outcome.Queued ? "queued" : "known";
        var log = outcome.Queued
            ? new LocalizedText($"{document} поставлен в очередь на передачу в 1С" + (outcome.OrderNumber is { } n ? $" (заказ {n})" : ""),
                $"{document} is queued for 1C" + (outcome.OrderNumber is { } m ? $" (order {m})" : ""))
            : new LocalizedText($"Компания уже есть в 1С: {outcome.OneCId}", $"The company is already in 1C: {outcome.OneCId}");
        return new RobotOutcome(new Dictionary<string, object>
        {
            [Status] = status,
            [OneCId] = outcome.OneCId ?? "",
            [OrderNumber] = outcome.OrderNumber ?? "",
            [RobotReturns.ErrorKey] = "",
        }, log.For(invocation.Language));
    }

    /// <summary>The company of the document: itself, or the deal's COMPANY_ID (a deal without one cannot go to 1C).</summary>
    private static async Task<long?> CompanyOf(RobotInvocation invocation, CrmDocument document, IBitrix24Client client, CancellationToken ct)
    {
        if (document.Type is not ("COMPANY" or "DEAL"))
        {
            throw new RobotFailure(new($"Робот работает со сделками и компаниями, а не с {invocation.DocumentId.LastOrDefault()}.",
                $"The robot works on deals and companies, not on {invocation.DocumentId.LastOrDefault()}."));
        }
        return await document.CompanyIdAsync(client, ct)
            ?? throw new RobotFailure(new($"У сделки {document.Id} не указана компания: 1С не из чего создать контрагента.",
                $"Deal {document.Id} has no company: there is nothing to create a 1C counterparty from."));
    }
}
