using FluentAssertions;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Robots.Catalogue;
using WineB24.Robots.Duplicates;

namespace WineB24.Robots.Tests.Catalogue;

public class RobotCatalogueTests
{
    private sealed class Named(string code, string? path = null) : IRobot
    {
        public RobotDefinition Definition { get; } = new(code, new("р", "r"), new("о", "d"), path ?? RobotCatalogue.HandlerPathFor(code), [], [], [RobotReturns.Lead]);
        public Task<RobotOutcome> RunAsync(RobotInvocation invocation, IBitrix24Client client, CancellationToken cancellationToken) =>
            Task.FromResult(new RobotOutcome(new Dictionary<string, object>(), null));
    }

    [Fact]
    public void Declares_the_duplicate_check_for_leads_contacts_companies_and_deals()
    {
        var catalogue = new RobotCatalogue([new CheckDuplicatesRobot()]);

        var robot = catalogue.Robots.Should().ContainSingle().Subject;
        robot.Code.Should().Be("wineb24_check_duplicates");
        robot.HandlerPath.Should().Be("/robots/wineb24_check_duplicates");
        robot.Name.Ru.Should().Be("Проверить дубликаты");
        robot.Name.En.Should().Be("Check duplicates");
        robot.DocumentTypes.Select(t => t[2]).Should().Equal("LEAD", "CONTACT", "COMPANY", "DEAL");
        robot.ReturnProperties.Select(p => (p.Key, p.Type)).Should().Equal(
            ("DuplicateCount", "int"), ("DuplicateIds", "string"), ("HasOtherResponsible", "bool"), ("Error", "string"));
        catalogue.Find("wineb24_check_duplicates").Should().BeOfType<CheckDuplicatesRobot>();
        catalogue.Find("other").Should().BeNull();
    }

    [Theory]
    [InlineData("check_duplicates")]
    [InlineData("wineb24_Check")]
    [InlineData("wineb24_a-b")]
    [InlineData("wineb24_")]
    public void Refuses_codes_outside_the_app_prefix_and_alphabet(string code)
    {
        var act = () => new RobotCatalogue([new Named(code)]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*" + code + "*");
    }

    [Fact]
    public void Refuses_a_code_declared_twice_and_a_foreign_handler_path()
    {
        ((Action)(() => new RobotCatalogue([new Named("wineb24_a"), new Named("wineb24_a")]))).Should().Throw<InvalidOperationException>();
        ((Action)(() => new RobotCatalogue([new Named("wineb24_a", "/elsewhere")]))).Should().Throw<InvalidOperationException>();
    }
}
