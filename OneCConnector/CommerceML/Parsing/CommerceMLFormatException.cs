namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>A file that is not acceptable CommerceML. The message is a Russian sentence meant for the 1C operator.</summary>
public sealed class CommerceMLFormatException(string message, Exception? inner = null) : Exception(message, inner);
