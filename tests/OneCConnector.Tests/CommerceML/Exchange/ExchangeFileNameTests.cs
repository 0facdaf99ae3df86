using FluentAssertions;
using Microsoft.Extensions.Configuration;
using WineB24.OneCConnector.CommerceML.Exchange;

namespace WineB24.OneCConnector.Tests.CommerceML.Exchange;

public class ExchangeFileNameTests
{
    [Theory]
    [InlineData("import.xml", "import.xml")]
    [InlineData("import_files/75/a1b2_c3d4.jpg", "import_files/75/a1b2_c3d4.jpg")]
    [InlineData("000000001/goods/1/import___5f1c.xml", "000000001/goods/1/import___5f1c.xml")]
    [InlineData(@"C:\v8_8789_c.xml", "v8_8789_c.xml")]
    [InlineData(@"C:\Users\1c\AppData\Local\Temp\v8_2C7E_125d5b.zip", "v8_2C7E_125d5b.zip")]
    [InlineData("/upload/1c/webdata/import.xml", "import.xml")]
    [InlineData(@"import_files\75\pic.png", "import_files/75/pic.png")]
    [InlineData("./offers.xml", "offers.xml")]
    public void Accepted_names_are_normalised(string raw, string expected) =>
        ExchangeFileName.Normalize(raw, out _).Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("../secret.xml")]
    [InlineData(@"import_files\..\..\x.xml")]
    [InlineData("shell.php")]
    [InlineData("SHELL.PhP5")]
    [InlineData("pic.php.jpg")]
    [InlineData("web.config")]
    [InlineData(".htaccess")]
    [InlineData("a\u0000b.xml")]
    [InlineData("a:b.xml")]
    public void Dangerous_names_are_refused_with_a_reason(string raw)
    {
        ExchangeFileName.Normalize(raw, out var reason).Should().BeNull();
        reason.Should().NotBeNullOrWhiteSpace();
    }
}

public class ExchangeAddressTests
{
    [Theory]
    [InlineData("https://wine.example.ru/", "https://wine.example.ru/1c/exchange")]
    [InlineData("https://wine.example.ru/app", "https://wine.example.ru/app/1c/exchange")]
    [InlineData("", null)]
    [InlineData("ftp://x", null)]
    public void Public_address_is_built_from_App_PublicUrl(string publicUrl, string? expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:PublicUrl"] = publicUrl }).Build();

        var address = ExchangeEndpoint.PublicAddress(configuration);

        (address?.ToString()).Should().Be(expected);
    }
}
