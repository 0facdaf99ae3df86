namespace WineB24.OneCEmulator.CommerceML;

/// <summary>A file of 1C's export directory: its relative name (as sent in <c>filename</c>) and its bytes.</summary>
public sealed record ExchangeFile(string Name, Func<Stream> Open)
{
    public static ExchangeFile FromPath(string name, string path) => new(name, () => File.OpenRead(path));

    public static ExchangeFile FromBytes(string name, byte[] bytes) => new(name, () => new MemoryStream(bytes, writable: false));

    public static ExchangeFile Write(string name, Action<Stream> writer)
    {
        using var buffer = new MemoryStream();
        writer(buffer);
        return FromBytes(name, buffer.ToArray());
    }
}
