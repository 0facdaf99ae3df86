using System.Security;
using System.Text;

namespace WineB24.OneCConnector.Tests.Deals;

/// <summary>Order-status documents as 1C writes them back (CommerceML 2.08, requisites by name).</summary>
internal static class SaleXml
{
    public static string Document(string id, string number, IReadOnlyDictionary<string, string> requisites, string? counterparty = null) =>
        $"""
        <Документ>
          <Ид>{id}</Ид>
          <Номер>{number}</Номер>
          <Дата>2026-11-28</Дата>
          <Время>9:49:02</Время>
          <ХозОперация>Заказ товара</ХозОперация>
          <Роль>Продавец</Роль>
          <Валюта>руб</Валюта>
          <Сумма>15000.50</Сумма>
          {counterparty ?? ""}
          <ЗначенияРеквизитов>
            {string.Concat(requisites.Select(r => $"<ЗначениеРеквизита><Наименование>{r.Key}</Наименование><Значение>{SecurityElement.Escape(r.Value)}</Значение></ЗначениеРеквизита>"))}
          </ЗначенияРеквизитов>
        </Документ>
        """;

    public static string Counterparty(string id, string name, string inn, string kpp) =>
        $"""
        <Контрагенты><Контрагент>
          <Ид>{id}</Ид><Наименование>{SecurityElement.Escape(name)}</Наименование><ОфициальноеНаименование>{SecurityElement.Escape(name)}</ОфициальноеНаименование>
          <Роль>Покупатель</Роль><ИНН>{inn}</ИНН><КПП>{kpp} </КПП>
          <Контакты><Контакт><Тип>Телефон рабочий</Тип><Значение>+7 495 111-22-33</Значение></Контакт></Контакты>
        </Контрагент></Контрагенты>
        """;

    public static string File(params string[] documents)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация ВерсияСхемы=\"2.08\" ДатаФормирования=\"2026-11-28T9:50:00\">\n");
        foreach (var d in documents)
        {
            sb.Append(d).Append('\n');
        }
        return sb.Append("</КоммерческаяИнформация>\n").ToString();
    }
}
