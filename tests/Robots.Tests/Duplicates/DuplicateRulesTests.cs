using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Robots.Duplicates;

namespace WineB24.Robots.Tests.Duplicates;

public class DuplicateRulesTests
{
    [Fact]
    public void Merges_answers_in_lead_contact_company_order_without_repeats()
    {
        var answers = new JToken[]
        {
            JObject.Parse("""{"COMPANY":[3],"CONTACT":[9,7]}"""),
            JObject.Parse("""{"LEAD":[12],"CONTACT":[7]}"""),
            new JArray(),   // "nothing found" comes as []
        };

        DuplicateRules.Collect(answers, new HashSet<CrmRef>()).Select(r => r.ToString())
            .Should().Equal("LEAD_12", "CONTACT_7", "CONTACT_9", "COMPANY_3");
    }

    [Fact]
    public void Excludes_the_document_itself()
    {
        var answers = new JToken[] { JObject.Parse("""{"LEAD":[12,15]}""") };

        DuplicateRules.Collect(answers, new HashSet<CrmRef> { new("LEAD", 12) }).Select(r => r.ToString())
            .Should().Equal("LEAD_15");
    }

    [Fact]
    public void Excludes_a_deals_own_contacts_and_company_but_not_same_ids_of_other_types()
    {
        var own = new HashSet<CrmRef> { new("DEAL", 5), new("CONTACT", 7), new("COMPANY", 3) };
        var answers = new JToken[] { JObject.Parse("""{"LEAD":[7],"CONTACT":[7,8],"COMPANY":[3]}""") };

        DuplicateRules.Collect(answers, own).Select(r => r.ToString()).Should().Equal("LEAD_7", "CONTACT_8");
    }

    [Theory]
    [InlineData("17", new[] { "17", "17" }, false)]
    [InlineData("17", new[] { "17", "23" }, true)]
    [InlineData("17", new[] { "17", null }, false)]   // responsible unknown: does not count
    [InlineData(null, new[] { "23" }, false)]          // document without a responsible: nothing to compare
    [InlineData("17", new string?[0], false)]
    public void Another_responsible_is_a_different_known_user(string? document, string?[] duplicates, bool expected)
    {
        DuplicateRules.HasOtherResponsible(document, duplicates).Should().Be(expected);
    }

    [Fact]
    public void Values_are_searched_twenty_at_a_time()
    {
        var values = Enumerable.Range(1, 45).Select(i => "+7916000" + i.ToString("0000")).ToList();

        DuplicateRules.Chunks(values).Select(c => c.Count).Should().Equal(20, 20, 5);
    }
}
