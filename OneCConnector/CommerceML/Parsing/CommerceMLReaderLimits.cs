namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>Size limits applied while streaming a document.</summary>
public sealed record CommerceMLReaderLimits(long MaxDocumentCharacters, int MaxRecordCharacters, int MaxDepth)
{
    public static CommerceMLReaderLimits Default { get; } = new(4L * 1024 * 1024 * 1024, 8 * 1024 * 1024, 64);
}
