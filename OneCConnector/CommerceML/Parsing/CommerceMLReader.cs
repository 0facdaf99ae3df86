using System.Text;
using System.Xml;

namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>
/// Streams a CommerceML document (2.03–3.1) as typed records: classifier items, products, offers, documents and
/// standalone counterparties. One pass over an <see cref="XmlReader"/>; only the current record is materialised.
/// Elements are matched on local names. Encoding comes from the BOM or the prolog (UTF-8, windows-1251 …).
/// DTDs are prohibited and no external resource is ever resolved.
/// </summary>
public static class CommerceMLReader
{
    static CommerceMLReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IEnumerable<CommerceMLRecord> Read(string path, CommerceMLReaderLimits? limits = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        foreach (var record in Read(stream, limits))
        {
            yield return record;
        }
    }

    public static IEnumerable<CommerceMLRecord> Read(Stream stream, CommerceMLReaderLimits? limits = null)
    {
        limits ??= CommerceMLReaderLimits.Default;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxDocumentCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(stream, settings);
        var path = new List<string>();
        while (true)
        {
            List<CommerceMLRecord>? produced;
            try
            {
                if (!reader.Read())
                {
                    break;
                }
                produced = Step(reader, path, limits);
            }
            catch (XmlException ex)
            {
                throw new CommerceMLFormatException(DescribeXmlError(ex), ex);
            }
            catch (DecoderFallbackException ex)
            {
                throw new CommerceMLFormatException("Содержимое файла не соответствует объявленной кодировке.", ex);
            }
            catch (ArgumentException ex) when (ex.Message.Contains("encoding", StringComparison.OrdinalIgnoreCase))
            {
                throw new CommerceMLFormatException("Файл объявляет неподдерживаемую кодировку.", ex);
            }
            if (produced is null)
            {
                continue;
            }
            foreach (var record in produced)
            {
                yield return record;
            }
        }
        if (path.Count != 0)
        {
            throw new CommerceMLFormatException("Файл обрывается до конца документа (передан не полностью?).");
        }
    }

    private static List<CommerceMLRecord>? Step(XmlReader reader, List<string> path, CommerceMLReaderLimits limits)
    {
        if (reader.NodeType == XmlNodeType.EndElement)
        {
            path.RemoveAt(path.Count - 1);
            return null;
        }
        if (reader.NodeType != XmlNodeType.Element)
        {
            return null;
        }
        var name = reader.LocalName;
        if (path.Count == 0)
        {
            return Root(reader, path, name);
        }
        if (path.Count >= limits.MaxDepth)
        {
            throw new CommerceMLFormatException("Слишком глубокая вложенность элементов.");
        }
        var parent = path[^1];
        var grandparent = path.Count >= 2 ? path[^2] : null;
        var kind = Classify(name, parent, grandparent);
        if (kind is not RecordKind.None)
        {
            var element = RecordElementLoader.Load(reader, limits.MaxRecordCharacters);
            return kind switch
            {
                RecordKind.Group => [.. CatalogMapping.Groups(element, null)],
                RecordKind.Property => [CatalogMapping.Property(element)],
                RecordKind.PriceType => [CatalogMapping.PriceType(element)],
                RecordKind.Warehouse => [CatalogMapping.Warehouse(element)],
                RecordKind.Unit => [CatalogMapping.Unit(element)],
                RecordKind.Category => [CatalogMapping.Category(element)],
                RecordKind.Product => [CatalogMapping.Product(element)],
                RecordKind.Offer => [OfferMapping.Offer(element)],
                RecordKind.Document => [DocumentMapping.Document(element)],
                RecordKind.Counterparty => [DocumentMapping.Counterparty(element)],
                _ => null,
            };
        }
        List<CommerceMLRecord>? header = name switch
        {
            "Каталог" when parent == Root_ => [new CatalogStarted(OnlyChanges(reader))],
            "ПакетПредложений" when parent == Root_ => [new OffersPackageStarted(OnlyChanges(reader), false)],
            "ИзмененияПакетаПредложений" when parent == Root_ => [new OffersPackageStarted(true, true)],
            _ => null,
        };
        if (!reader.IsEmptyElement)
        {
            path.Add(name);
        }
        return header;
    }

    private const string Root_ = "КоммерческаяИнформация";

    private static List<CommerceMLRecord>? Root(XmlReader reader, List<string> path, string name)
    {
        if (name != Root_ && name != "Классификатор")
        {
            throw new CommerceMLFormatException($"Это не файл CommerceML: корневой элемент «{name}» вместо «КоммерческаяИнформация».");
        }
        var info = name == Root_
            ? new DocumentInfo(reader.GetAttribute("ВерсияСхемы")?.Trim(), CommerceMLValues.TryParseDateTime(reader.GetAttribute("ДатаФормирования")))
            : new DocumentInfo(null, null);
        if (!reader.IsEmptyElement)
        {
            // A bare <Классификатор> fragment (seen in site modules' samples) is accepted as a root too.
            path.Add(name);
        }
        return [info];
    }

    private static bool OnlyChanges(XmlReader reader) => CommerceMLValues.ParseBool(reader.GetAttribute("СодержитТолькоИзменения")) ?? false;

    private enum RecordKind { None, Group, Property, PriceType, Warehouse, Unit, Category, Product, Offer, Document, Counterparty }

    private static RecordKind Classify(string name, string parent, string? grandparent) => name switch
    {
        "Группа" when parent == "Группы" && grandparent == "Классификатор" => RecordKind.Group,
        "Свойство" when parent == "Свойства" => RecordKind.Property,
        "ТипЦены" when parent == "ТипыЦен" => RecordKind.PriceType,
        "Склад" when parent == "Склады" => RecordKind.Warehouse,
        "ЕдиницаИзмерения" when parent == "ЕдиницыИзмерения" => RecordKind.Unit,
        "Категория" when parent == "Категории" => RecordKind.Category,
        "Товар" when parent == "Товары" && grandparent == "Каталог" => RecordKind.Product,
        "Предложение" when parent == "Предложения" => RecordKind.Offer,
        "Документ" when parent is Root_ or "Контейнер" => RecordKind.Document,
        "Контрагент" when parent == "Контрагенты" && grandparent == Root_ => RecordKind.Counterparty,
        _ => RecordKind.None,
    };

    private static string DescribeXmlError(XmlException ex) =>
        ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
            ? "Файл содержит DTD, что запрещено."
            : ex.Message.Contains("Unexpected end of file", StringComparison.OrdinalIgnoreCase)
                ? $"Файл обрывается до конца документа (строка {ex.LineNumber}): передан не полностью?"
                : $"Некорректный XML (строка {ex.LineNumber}, позиция {ex.LinePosition}): {ex.Message}";
}
