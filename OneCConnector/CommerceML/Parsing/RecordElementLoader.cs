using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>
/// Loads one record's subtree (a <c>Товар</c>, a <c>Предложение</c> …) into a small namespace-free
/// <see cref="XElement"/>, so mapping code matches local names only (namespaces vary and lie). The budget bounds
/// the memory one record may take; the document as a whole is never held.
/// </summary>
internal static class RecordElementLoader
{
    public static XElement Load(XmlReader reader, int maxCharacters)
    {
        using var sub = reader.ReadSubtree();
        sub.Read();
        var budget = maxCharacters;
        var root = StartElement(sub, ref budget);
        if (sub.IsEmptyElement)
        {
            return root;
        }
        var stack = new Stack<XElement>();
        stack.Push(root);
        var text = new StringBuilder();
        while (sub.Read())
        {
            switch (sub.NodeType)
            {
                case XmlNodeType.Element:
                    FlushText(stack.Peek(), text);
                    var child = StartElement(sub, ref budget);
                    stack.Peek().Add(child);
                    if (!sub.IsEmptyElement)
                    {
                        stack.Push(child);
                    }
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    budget -= sub.Value.Length;
                    Check(budget, root);
                    text.Append(sub.Value);
                    break;
                case XmlNodeType.EndElement:
                    FlushText(stack.Pop(), text);
                    break;
            }
        }
        return root;
    }

    private static XElement StartElement(XmlReader reader, ref int budget)
    {
        var element = new XElement(XName.Get(reader.LocalName));
        budget -= reader.LocalName.Length + 8;
        if (reader.HasAttributes)
        {
            while (reader.MoveToNextAttribute())
            {
                if (reader.Prefix == "xmlns" || reader.LocalName == "xmlns")
                {
                    continue;
                }
                budget -= reader.LocalName.Length + reader.Value.Length;
                element.SetAttributeValue(XName.Get(reader.LocalName), reader.Value);
            }
            reader.MoveToElement();
        }
        Check(budget, element);
        return element;
    }

    private static void FlushText(XElement element, StringBuilder text)
    {
        if (text.Length == 0)
        {
            return;
        }
        // Only leaf text matters in CommerceML; indentation between child elements is dropped.
        if (!element.HasElements)
        {
            element.Add(new XText(text.ToString()));
        }
        text.Clear();
    }

    private static void Check(int budget, XElement element)
    {
        if (budget < 0)
        {
            throw new CommerceMLFormatException($"Элемент «{element.Name.LocalName}» превышает допустимый размер одной записи.");
        }
    }
}
