using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.BrowserTests.Support;

/// <summary>
/// One headless Debian Chromium per test class (xunit class fixture), driven by Debian's chromedriver; test.sh
/// installs both. Every wait is on a DOM condition with a generous timeout, never a fixed sleep.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverDirectory = "/usr/bin";
    public const string DriverName = "chromedriver";

    /// <summary>Long enough for a shared, loaded 2-core machine; a passing condition returns at once.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _profile;

    public Browser()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(Path.Combine(DriverDirectory, DriverName)))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} or {DriverDirectory}/{DriverName} is missing: run ./test.sh (it installs Debian's chromium and chromium-driver)");
        }
        _profile = Directory.CreateTempSubdirectory("wineb24-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        // Without the background-networking flags Chromium keeps calling Google's hosts, which this network refuses.
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1280,1024", "--user-data-dir=" + _profile);
        // alert/confirm are answered by the tests; an unexpected one must fail the next command, not be dismissed.
        options.UnhandledPromptBehavior = UnhandledPromptBehavior.Ignore;
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverName);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        try
        {
            Driver = new ChromeDriver(service, options, Patience);
        }
        catch
        {
            service.Dispose();
            DeleteProfile();
            throw;
        }
    }

    public ChromeDriver Driver { get; }

    /// <summary>
    /// Opens the settings page as Bitrix24 does: a top-level form POST to the Application URL with the frame fields
    /// (AUTH_ID, member_id, PLACEMENT …) the portal issued to <paramref name="userId"/>. Returns once it is rendered.
    /// </summary>
    public void OpenSettings(PlacementHost host, int userId = 1, string lang = "ru")
    {
        var (path, form) = host.FrameRequest(userId: userId, lang: lang);
        var action = new Uri(host.Http.BaseAddress!, path).AbsoluteUri;
        Driver.Navigate().GoToUrl("about:blank");
        Driver.ExecuteScript("""
            var f = document.createElement('form');
            f.method = 'POST'; f.action = arguments[0];
            var fields = JSON.parse(arguments[1]);
            Object.keys(fields).forEach(function (k) {
              var i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = fields[k]; f.appendChild(i);
            });
            document.body.appendChild(f); f.submit();
            """, action, JsonSerializer.Serialize(form));
        WaitForPage(host);
    }

    /// <summary>The settings page of <paramref name="host"/> is loaded (after an open or a reload) and its scripts ran.</summary>
    public void WaitForPage(PlacementHost host) =>
        Until(d => d.Url.StartsWith(host.Http.BaseAddress!.AbsoluteUri, StringComparison.Ordinal)
                   && Equals(((IJavaScriptExecutor)d).ExecuteScript("return document.readyState"), "complete")
                   && d.FindElements(By.Id("onec-sync")).Count == 1);

    /// <summary>
    /// Marks the current document and its content so that <see cref="WaitForRefresh"/> can tell re-read content from
    /// the old and prove the document itself stayed (no reload, no form re-POST).
    /// </summary>
    public void MarkDocument() => Driver.ExecuteScript("window.__wineb24Old = true; document.getElementById('onec-sync').__wineb24Old = true;");

    /// <summary>
    /// Waits until the page's content was re-read in place (<c>WineB24.refresh</c>): a new 1C sync section in the same
    /// document. Fails if the document was replaced, i.e. the page navigated or reloaded.
    /// </summary>
    public void WaitForRefresh()
    {
        Until(d =>
        {
            try
            {
                return ((IJavaScriptExecutor)d).ExecuteScript(
                    "var s = document.getElementById('onec-sync'); return s !== null && s.__wineb24Old !== true && document.readyState === 'complete'") is true;
            }
            catch (UnhandledAlertException) { return false; }
        });
        if (Driver.ExecuteScript("return window.__wineb24Old === true") is not true)
        {
            throw new InvalidOperationException("the page navigated (reloaded) instead of re-reading its content in place");
        }
    }

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    /// <summary>Waits until the element's text satisfies <paramref name="condition"/>; returns that text.</summary>
    public string TextOf(string css, Func<string, bool> condition) =>
        Until(d => d.FindElements(By.CssSelector(css)) is [var e, ..] && condition(e.Text) ? e.Text : null)!;

    /// <summary>Waits for a JS alert or confirm, answers it, and returns its text.</summary>
    public string Answer(bool accept = true)
    {
        var alert = Until(d =>
        {
            try { return d.SwitchTo().Alert(); }
            catch (NoAlertPresentException) { return null; }
        })!;
        var text = alert.Text ?? "";
        if (accept) alert.Accept(); else alert.Dismiss();
        return text;
    }

    public T Until<T>(Func<IWebDriver, T> condition)
    {
        var wait = new WebDriverWait(Driver, Patience);
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait.Until(condition)!;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        DeleteProfile();
    }

    private void DeleteProfile()
    {
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
