using FluentAssertions;
using Quartz;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Robots.Intake;

namespace WineB24.Robots.Tests.Intake;

public class RobotCallTests
{
    // The sheet's sample (§11 d), percent-encoded as it travels, with a multiple property and Cyrillic.
    private const string Body =
        "workflow_id=677a1b2c3d4e59.81726354&code=wineb24_check_duplicates" +
        "&document_id%5B0%5D=crm&document_id%5B1%5D=CCrmDocumentDeal&document_id%5B2%5D=DEAL_5531" +
        "&document_type%5B0%5D=crm&document_type%5B1%5D=CCrmDocumentDeal&document_type%5B2%5D=DEAL" +
        "&event_token=677a1b2c3d4e59.81726354%7CA40213_11873_55290_30117%7Cc2lnbmVk.5d0f9e8a7b6c" +
        "&properties%5BREGION%5D=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0&properties%5BNOTIFY_USER%5D=user_17" +
        "&properties%5BTAGS%5D%5B0%5D=vip&properties%5BTAGS%5D%5B1%5D=export" +
        "&use_subscription=Y&timeout_duration=0&ts=1767398400" +
        "&auth%5Baccess_token%5D=7f905b66000b9c94&auth%5Bmember_id%5D=9d2c41e7b0a3&auth%5Buser_id%5D=17" +
        "&auth%5Bapplication_token%5D=c0ffee12ab";

    [Fact]
    public void Reads_document_ids_event_token_and_auth_from_the_sample_post()
    {
        var call = RobotCall.Read(BracketForm.Parse(Body));

        call.MemberId.Should().Be("9d2c41e7b0a3");
        call.ApplicationToken.Should().Be("c0ffee12ab");
        call.Code.Should().Be("wineb24_check_duplicates");
        call.WorkflowId.Should().Be("677a1b2c3d4e59.81726354");
        call.DocumentId.Should().Equal("crm", "CCrmDocumentDeal", "DEAL_5531");
        call.DocumentType.Should().Equal("crm", "CCrmDocumentDeal", "DEAL");
        call.EventToken.Should().Be("677a1b2c3d4e59.81726354|A40213_11873_55290_30117|c2lnbmVk.5d0f9e8a7b6c");
        call.UseSubscription.Should().BeTrue();
        call.UserId.Should().Be("17");
        call.Problem("wineb24_check_duplicates").Should().BeNull();
    }

    [Fact]
    public void Reads_single_and_multiple_properties_as_lists()
    {
        var call = RobotCall.Read(BracketForm.Parse(Body));

        call.Properties["REGION"].Should().Equal("Москва");
        call.Properties["NOTIFY_USER"].Should().Equal("user_17");
        call.Properties["TAGS"].Should().Equal("vip", "export");
    }

    [Fact]
    public void Invocation_carries_no_oauth_token()
    {
        var invocation = RobotCall.Read(BracketForm.Parse(Body)).ToInvocation("ru");
        var stored = RobotJobData.Write(invocation).GetString("invocation");

        stored.Should().NotContain("7f905b66000b9c94").And.NotContain("c0ffee12ab");
        RobotJobData.Read(RobotJobData.Write(invocation)).Should().BeEquivalentTo(invocation);
        invocation.Document.Type.Should().Be("DEAL");
        invocation.Document.Id.Should().Be(5531);
    }

    [Theory]
    [InlineData("use_subscription=N", false)]
    [InlineData("use_subscription=", true)]
    [InlineData("ts=1", true)]
    public void Only_an_explicit_N_is_fire_and_forget(string part, bool waits)
    {
        RobotCall.Read(BracketForm.Parse("code=x&" + part)).UseSubscription.Should().Be(waits);
    }

    [Fact]
    public void Names_what_is_missing()
    {
        RobotCall.Read(BracketForm.Parse("code=a&event_token=t&document_id[0]=crm")).Problem("a").Should().Contain("document_id");
        RobotCall.Read(BracketForm.Parse("code=a&document_id[0]=crm&document_id[1]=x&document_id[2]=LEAD_1")).Problem("a").Should().Contain("event_token");
        RobotCall.Read(BracketForm.Parse(Body)).Problem("wineb24_other").Should().Contain("code");
    }
}
