using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>
/// A feature's own acceptance rule, checked on every record in the validation pass, before any sink applies the file:
/// a refused record fails the whole file with a readable <c>failure</c> line to 1C, so nothing is half-applied.
/// Registered by the feature that knows the rule (the exchange itself knows only CommerceML's structure).
/// </summary>
public interface IImportRule
{
    /// <summary>Null when the record is acceptable, else a reason in Russian that names the record for a 1C admin.</summary>
    string? Check(CommerceMLRecord record);
}
