using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;

namespace WineB24.Placements.Tests.Support;

/// <summary>Failed 1C uploads, made the way the connector records them, for the failed-files part of the page.</summary>
public static class FailedUploads
{
    /// <summary>A valid offers package (one wine, one price, one warehouse): a replay of it imports.</summary>
    public const string GoodOffers = """
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация ВерсияСхемы="2.07"><ПакетПредложений>
          <ТипыЦен><ТипЦены><Ид>retail</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен>
          <Склады><Склад><Ид>wh-main</Ид><Наименование>Основной</Наименование></Склад></Склады>
          <Предложения><Предложение><Ид>w1</Ид><Наименование>Шабли</Наименование>
            <Цены><Цена><ИдТипаЦены>retail</ИдТипаЦены><ЦенаЗаЕдиницу>1990</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена></Цены>
            <Склад ИдСклада="wh-main" КоличествоНаСкладе="12"/></Предложение></Предложения>
        </ПакетПредложений></КоммерческаяИнформация>
        """;

    /// <summary>An offers file uploaded in a 1C session whose import failed, as the importer reports it to the journal.</summary>
    public static async Task<string> AddAsync(PlacementHost host, string member, string content, string reason)
    {
        var journal = host.Services.GetRequiredService<ExchangeJournal>();
        var uploads = host.Services.GetRequiredService<UploadStore>();
        var session = "s" + Guid.NewGuid().ToString("N");
        var journalId = await journal.StartAsync(member, session, "catalog", default);
        var path = uploads.Resolve(member, session, "offers0_1.xml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content, Encoding.UTF8);
        await journal.RecordFileAsync(journalId, "offers0_1.xml", ImportCounts.Empty, 0, reason, default);
        return (await host.Services.GetRequiredService<FailedFiles>().ListAsync(member, 1, default)).Single().Id;
    }
}
