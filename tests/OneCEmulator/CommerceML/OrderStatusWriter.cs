using System.Globalization;
using System.Text;
using System.Xml;

namespace WineB24.OneCEmulator.CommerceML;

/// <summary>An order's state as УТ 11.5 reports it back: posted, cancelled, paid/shipped numbers only when complete.</summary>
public sealed record OrderStatusSpec(
    string SiteOrderId, string Number, DateTime Date, decimal Sum, bool Posted, bool Cancelled,
    string? PaymentNumber = null, DateTime? PaymentDate = null, string? ShipmentNumber = null, DateTime? ShipmentDate = null,
    string? Number1C = null, string CounterpartyId = "00000000-0000-0000-0000-000000000001", string CounterpartyName = "ООО «Винный погреб»",
    string Inn = "7707083893", string Kpp = "773601001");

/// <summary>Writes the <c>orders-&lt;uuid&gt;_&lt;n&gt;.xml</c> file 1C uploads in a sale exchange (CommerceML 2.08).</summary>
public static class OrderStatusWriter
{
    public static void Write(IEnumerable<OrderStatusSpec> orders, Stream output)
    {
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(true), Indent = true });
        w.WriteStartDocument();
        w.WriteStartElement("КоммерческаяИнформация");
        w.WriteAttributeString("ВерсияСхемы", "2.08");
        w.WriteAttributeString("ДатаФормирования", "2026-11-29T9:30:00");
        foreach (var o in orders)
        {
            w.WriteStartElement("Документ");
            w.WriteElementString("Ид", o.SiteOrderId);
            w.WriteElementString("Номер", o.Number);
            w.WriteElementString("Дата", o.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteElementString("ХозОперация", "Заказ товара");
            w.WriteElementString("Роль", "Продавец");
            w.WriteElementString("Валюта", "руб");
            w.WriteElementString("Курс", "1");
            w.WriteElementString("Сумма", o.Sum.ToString("0.00", CultureInfo.InvariantCulture));
            w.WriteStartElement("Контрагенты");
            w.WriteStartElement("Контрагент");
            w.WriteElementString("Ид", o.CounterpartyId);
            w.WriteElementString("Наименование", o.CounterpartyName);
            w.WriteElementString("ОфициальноеНаименование", o.CounterpartyName);
            w.WriteElementString("ИНН", o.Inn);
            w.WriteElementString("КПП", o.Kpp);
            w.WriteElementString("Роль", "Покупатель");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("ЗначенияРеквизитов");
            CommerceMLWriter.Requisite(w, "Номер по 1С", o.Number1C ?? o.Number);
            CommerceMLWriter.Requisite(w, "Дата по 1С", o.Date.ToString("yyyy-MM-dd'T'H:mm:ss", CultureInfo.InvariantCulture));
            CommerceMLWriter.Requisite(w, "ПометкаУдаления", "false");
            CommerceMLWriter.Requisite(w, "Проведен", o.Posted ? "true" : "false");
            CommerceMLWriter.Requisite(w, "Отменен", o.Cancelled ? "true" : "false");
            if (o.PaymentNumber is not null)
            {
                CommerceMLWriter.Requisite(w, "Номер оплаты по 1С", o.PaymentNumber);
                CommerceMLWriter.Requisite(w, "Дата оплаты по 1С", (o.PaymentDate ?? o.Date).ToString("yyyy-MM-dd'T'H:mm:ss", CultureInfo.InvariantCulture));
            }
            if (o.ShipmentNumber is not null)
            {
                CommerceMLWriter.Requisite(w, "Номер отгрузки по 1С", o.ShipmentNumber);
                CommerceMLWriter.Requisite(w, "Дата отгрузки по 1С", (o.ShipmentDate ?? o.Date).ToString("yyyy-MM-dd'T'H:mm:ss", CultureInfo.InvariantCulture));
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }
}
