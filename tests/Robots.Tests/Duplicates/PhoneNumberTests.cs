using FluentAssertions;
using WineB24.Robots.Duplicates;

namespace WineB24.Robots.Tests.Duplicates;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("+7 (916) 123-45-67", "+79161234567")]
    [InlineData("8 916 123 45 67", "+79161234567")]
    [InlineData("8(916)1234567", "+79161234567")]
    [InlineData("79161234567", "+79161234567")]
    [InlineData("9161234567", "+79161234567")]
    [InlineData("+7 495 123-45-67 доб. 123", "+74951234567")]
    [InlineData("8 (495) 123-45-67 ext 5", "+74951234567")]
    [InlineData("  +7-495-123-45-67  ", "+74951234567")]
    public void Russian_numbers_come_to_plus_seven(string raw, string expected)
    {
        PhoneNumber.Normalise(raw).Should().Be(expected);
    }

    [Theory]
    [InlineData("+49 30 1234567", "+49301234567")]
    [InlineData("+375 29 123-45-67", "+375291234567")]
    public void Foreign_numbers_keep_their_country(string raw, string expected)
    {
        PhoneNumber.Normalise(raw).Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123")]
    [InlineData("нет телефона")]
    public void Nothing_searchable_gives_null(string? raw)
    {
        PhoneNumber.Normalise(raw).Should().BeNull();
    }
}

public class EmailAddressTests
{
    [Theory]
    [InlineData(" Sommelier@Vino.RU ", "sommelier@vino.ru")]
    [InlineData("<zakaz@винотека.рф>", "zakaz@винотека.рф")]
    public void Emails_are_trimmed_and_lower_cased(string raw, string expected)
    {
        EmailAddress.Normalise(raw).Should().Be(expected);
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("@vino.ru")]
    [InlineData("a@b@c")]
    [InlineData("a b@c.ru")]
    [InlineData("")]
    public void Broken_emails_are_skipped(string raw)
    {
        EmailAddress.Normalise(raw).Should().BeNull();
    }
}
