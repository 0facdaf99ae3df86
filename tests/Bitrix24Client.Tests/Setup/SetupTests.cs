using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Limits;
using WineB24.Bitrix24Client.Setup;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Setup;

public class SetupTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        more?.Invoke(services);
        services.AddBitrix24Client(config);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Bitrix24:ClientId"] = "app.1",
        ["Bitrix24:ClientSecret"] = "secret",
    };

    [Fact]
    public void Options_bind_with_documented_defaults()
    {
        using var sp = Build(Valid());
        var o = sp.GetRequiredService<IOptions<Bitrix24ClientOptions>>().Value;
        o.OAuthServer.Should().Be(new Uri("https://oauth.bitrix.info"));
        o.Limits.RequestsPerSecond.Should().Be(2);
        o.Limits.Burst.Should().Be(50);
        o.Limits.OperatingBudgetSeconds.Should().Be(480);
        o.Limits.OperatingThrottleFraction.Should().Be(0.8);
        sp.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        sp.GetRequiredService<IBitrix24ClientFactory>().Should().BeSameAs(sp.GetRequiredService<IPortalLimitSettings>());
    }

    [Fact]
    public void Options_bind_overrides_from_configuration()
    {
        var s = Valid();
        s["Bitrix24:Limits:RequestsPerSecond"] = "5";
        s["Bitrix24:Limits:Burst"] = "250";
        s["Bitrix24:RequestTimeout"] = "00:00:20";
        s["Bitrix24:OAuthServer"] = "https://oauth.bitrix24.tech";
        s["Bitrix24:Retry:TransientRetries"] = "1";
        using var sp = Build(s);
        var o = sp.GetRequiredService<IOptions<Bitrix24ClientOptions>>().Value;
        o.Limits.Burst.Should().Be(250);
        o.Limits.RequestsPerSecond.Should().Be(5);
        o.RequestTimeout.Should().Be(TimeSpan.FromSeconds(20));
        o.OAuthServer.Host.Should().Be("oauth.bitrix24.tech");
        o.Retry.TransientRetries.Should().Be(1);
    }

    [Theory]
    [InlineData("Bitrix24:ClientId", "", "ClientId")]
    [InlineData("Bitrix24:ClientSecret", "", "ClientSecret")]
    [InlineData("Bitrix24:Limits:RequestsPerSecond", "0", "RequestsPerSecond")]
    [InlineData("Bitrix24:Limits:Burst", "0", "Burst")]
    [InlineData("Bitrix24:Limits:OperatingThrottleFraction", "1.5", "OperatingThrottleFraction")]
    [InlineData("Bitrix24:RequestTimeout", "00:00:00", "RequestTimeout")]
    public void Invalid_settings_fail_at_start_up(string key, string value, string named)
    {
        var s = Valid();
        s[key] = value;
        using var sp = Build(s);
        var validate = () => sp.GetRequiredService<IStartupValidator>().Validate();
        validate.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }

    [Fact]
    public void Valid_settings_pass_start_up_validation()
    {
        using var sp = Build(Valid());
        var validate = () => sp.GetRequiredService<IStartupValidator>().Validate();
        validate.Should().NotThrow();
    }

    [Fact]
    public void App_registered_time_provider_and_token_store_are_used()
    {
        var time = new ManualTime();
        var store = new MemoryTokenStore();
        using var sp = Build(Valid(), s => { s.AddSingleton<TimeProvider>(time); s.AddSingleton<ITokenStore>(store); });
        sp.GetRequiredService<TimeProvider>().Should().BeSameAs(time);
        var client = sp.GetRequiredService<IBitrix24ClientFactory>().ForPortal("abc");
        client.MemberId.Should().Be("abc");
        sp.GetRequiredService<IBitrix24ClientFactory>().ForPortal("abc").Should().BeSameAs(client, "one client per portal");
    }

    [Fact]
    public void Per_portal_limits_can_be_raised_to_enterprise()
    {
        using var sp = Build(Valid());
        var limits = sp.GetRequiredService<IPortalLimitSettings>();
        limits.GetLimits("p1").Should().Be(PortalLimits.Standard);
        limits.SetLimits("p1", limits.GetLimits("p1").ForLicense("ent"));
        limits.GetLimits("p1").Burst.Should().Be(250);
        limits.GetLimits("p1").RequestsPerSecond.Should().Be(5);
        limits.GetLimits("p2").Burst.Should().Be(50);
    }

    [Theory]
    [InlineData("ent", null, 250)]
    [InlineData(null, "de_ent250", 250)]
    [InlineData("pro", "en_pro100", 50)]
    [InlineData(null, null, 50)]
    public void License_decides_the_plan_limits(string? family, string? license, int burst)
    {
        PortalLimits.Standard.ForLicense(family, license).Burst.Should().Be(burst);
    }
}
