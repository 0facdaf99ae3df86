using System.ComponentModel.DataAnnotations;

namespace WineB24.Bitrix24App.Storage;

/// <summary>Which database engine holds the app's tables (and Quartz's); the connection string is <c>ConnectionStrings:Default</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string DefaultConnectionString = "Data Source=data/wineb24.db";

    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Resolved at start-up from <c>ConnectionStrings:Default</c>; relative SQLite paths are made absolute against the content root.</summary>
    [Required]
    public string ConnectionString { get; set; } = DefaultConnectionString;
}
