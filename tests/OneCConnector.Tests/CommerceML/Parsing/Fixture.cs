using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Tests.CommerceML.Parsing;

internal static class Fixture
{
    public static string PathOf(string relative) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "CommerceML", relative.Replace('/', Path.DirectorySeparatorChar));

    public static List<CommerceMLRecord> Read(string relative) => CommerceMLReader.Read(PathOf(relative)).ToList();

    public static List<CommerceMLRecord> ReadText(string xml) => CommerceMLReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml))).ToList();
}
