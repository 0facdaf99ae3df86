using System.Xml.Linq;

namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>Maps <c>Документ</c> and <c>Контрагент</c>.</summary>
internal static class DocumentMapping
{
    public static OrderDocument Document(XElement e)
    {
        var lines = e.Grandchildren("Товары", "Товар").Select(Line).ToList();
        return new OrderDocument(
            OneCId.From(e.Text("Ид")),
            e.Text("Номер"),
            CommerceMLValues.TryParseDateTime(e.Text("Дата"), e.Text("Время")),
            e.Text("ХозОперация"),
            e.Text("Роль"),
            e.Text("Валюта"),
            e.Decimal("Курс"),
            e.Decimal("Сумма"),
            e.Text("Комментарий"),
            e.Text("Номер1С"),
            CommerceMLValues.TryParseDateTime(e.Text("Дата1С")),
            e.Text("Основание"),
            e.Grandchildren("Контрагенты", "Контрагент").Select(Counterparty).ToList(),
            lines,
            e.NamedValues("ЗначенияРеквизитов", "ЗначениеРеквизита"),
            e.Flag("ПометкаУдаления"));
    }

    private static OrderLine Line(XElement t) =>
        new(OneCId.From(t.Text("Ид")), t.Text("Артикул"), t.Text("Наименование"),
            t.Text("Единица") ?? t.BaseUnit()?.Text,
            t.Decimal("ЦенаЗаЕдиницу") ?? t.Decimal("Цена"),
            t.Decimal("Количество"), t.Decimal("Сумма"), t.Decimal("Коэффициент"),
            t.NamedValues("ЗначенияРеквизитов", "ЗначениеРеквизита"));

    public static Counterparty Counterparty(XElement c)
    {
        var contacts = c.Grandchildren("Контакты", "Контакт")
            .Select(x => (Type: x.Text("Тип"), Value: x.Text("Значение")))
            .Where(x => x.Type is not null && x.Value is not null)
            .Select(x => new Contact(x.Type!, x.Value!))
            .ToList();
        // The registration address is АдресРегистрации, or Адрес when that one has no Представление (as RegistrationAddress).
        var registration = c.Child("АдресРегистрации")?.Text("Представление") is not null ? c.Child("АдресРегистрации") : c.Child("Адрес") ?? c.Child("АдресРегистрации");
        return new Counterparty(
            OneCId.From(c.Text("Ид")),
            c.Text("Наименование"),
            c.Text("ПолноеНаименование"),
            c.Text("ОфициальноеНаименование"),
            c.Text("Роль"),
            c.Text("ИНН") ?? c.Child("ЮридическийАдрес")?.Text("ИНН"),
            c.Text("КПП"),
            c.Text("ОКПО") ?? c.Text("КодПоОКПО"),
            c.Text("Фамилия"),
            c.Text("Имя"),
            c.Text("Отчество"),
            c.Child("ЮридическийАдрес")?.Text("Представление"),
            c.Child("АдресРегистрации")?.Text("Представление") ?? c.Child("Адрес")?.Text("Представление"),
            contacts,
            c.Flag("ПометкаУдаления"))
        {
            LegalAddressFields = AddressFields(c.Child("ЮридическийАдрес")),
            RegistrationAddressFields = AddressFields(registration),
        };
    }

    private static List<AddressField> AddressFields(XElement? address) => address is null ? [] :
        address.Elements("АдресноеПоле")
            .Select(x => (Type: x.Text("Тип"), Value: x.Text("Значение")))
            .Where(x => x.Type is not null && x.Value is not null)
            .Select(x => new AddressField(x.Type!, x.Value!))
            .ToList();
}
