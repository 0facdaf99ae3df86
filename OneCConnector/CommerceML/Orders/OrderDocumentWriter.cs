using System.Globalization;
using System.Text;
using System.Xml;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.CommerceML.Orders;

/// <summary>
/// Writes orders as CommerceML 2.08 <c>Документ</c>s for 1C (<c>ХозОперация</c> = <c>Заказ товара</c>, <c>Роль</c> =
/// <c>Продавец</c>). UTF-8 without BOM, so the body starts with <c>&lt;?xml</c> as УТ 11.5 requires; the prolog
/// declares the same encoding the bytes use.
/// </summary>
public static class OrderDocumentWriter
{
    public const string SchemaVersion = "2.08";

    /// <summary>Writes synchronously: callers buffer (the HTTP response forbids synchronous writes).</summary>
    public static void Write(Stream output, IReadOnlyList<OrderDocument> orders, DateTime generatedAt, CancellationToken ct)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            NewLineChars = "\n",
        };
        using var w = XmlWriter.Create(output, settings);
        w.WriteStartDocument();
        w.WriteStartElement("КоммерческаяИнформация");
        w.WriteAttributeString("ВерсияСхемы", SchemaVersion);
        w.WriteAttributeString("ДатаФормирования", FormatDateTime(generatedAt));
        foreach (var order in orders)
        {
            ct.ThrowIfCancellationRequested();
            WriteOrder(w, order);
        }
        w.WriteEndElement();
        w.WriteEndDocument();
        w.Flush();
    }

    private static void WriteOrder(XmlWriter w, OrderDocument o)
    {
        w.WriteStartElement("Документ");
        Element(w, "Ид", o.Id?.Value);
        Element(w, "Номер", o.Number);
        Element(w, "Дата", o.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Element(w, "Время", o.Date?.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        Element(w, "ХозОперация", o.BusinessOperation ?? "Заказ товара");
        Element(w, "Роль", o.Role ?? "Продавец");
        Element(w, "Валюта", o.Currency);
        Element(w, "Курс", Number(o.Rate));
        Element(w, "Сумма", Number(o.Sum));
        Element(w, "Комментарий", o.Comment);
        if (o.Counterparties.Count > 0)
        {
            w.WriteStartElement("Контрагенты");
            foreach (var c in o.Counterparties)
            {
                WriteCounterparty(w, c);
            }
            w.WriteEndElement();
        }
        w.WriteStartElement("Товары");
        foreach (var line in o.Lines)
        {
            w.WriteStartElement("Товар");
            Element(w, "Ид", line.Id?.Value);
            Element(w, "Артикул", line.Article);
            Element(w, "Наименование", line.Name);
            Element(w, "БазоваяЕдиница", line.Unit);
            Element(w, "ЦенаЗаЕдиницу", Number(line.PricePerUnit));
            Element(w, "Количество", Number(line.Quantity));
            Element(w, "Сумма", Number(line.Sum));
            WriteRequisites(w, line.Requisites);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        WriteRequisites(w, o.Requisites);
        w.WriteEndElement();
    }

    private static void WriteCounterparty(XmlWriter w, Counterparty c)
    {
        w.WriteStartElement("Контрагент");
        Element(w, "Ид", c.Id?.Value);
        Element(w, "Наименование", c.Name ?? c.DisplayName);
        Element(w, "ПолноеНаименование", c.FullName);
        Element(w, "ОфициальноеНаименование", c.OfficialName);
        Element(w, "Фамилия", c.LastName);
        Element(w, "Имя", c.FirstName);
        Element(w, "Отчество", c.MiddleName);
        Element(w, "Роль", c.Role ?? "Покупатель");
        Element(w, "ИНН", c.Inn);
        Element(w, "КПП", c.Kpp);
        Element(w, "ОКПО", c.Okpo);
        if (c.LegalAddress is not null)
        {
            w.WriteStartElement("ЮридическийАдрес");
            Element(w, "Представление", c.LegalAddress);
            w.WriteEndElement();
        }
        if (c.Contacts.Count > 0)
        {
            w.WriteStartElement("Контакты");
            foreach (var contact in c.Contacts)
            {
                w.WriteStartElement("Контакт");
                Element(w, "Тип", contact.Type);
                Element(w, "Значение", contact.Value);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteRequisites(XmlWriter w, IReadOnlyList<NamedValue> requisites)
    {
        if (requisites.Count == 0)
        {
            return;
        }
        w.WriteStartElement("ЗначенияРеквизитов");
        foreach (var r in requisites)
        {
            w.WriteStartElement("ЗначениеРеквизита");
            Element(w, "Наименование", r.Name);
            Element(w, "Значение", r.Value ?? string.Empty);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Element(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(name, value);
        }
    }

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string FormatDateTime(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
