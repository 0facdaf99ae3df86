using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.Bitrix24Client.Setup;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.CommerceML;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.Tests.Support;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Portal;

namespace WineB24.OneCConnector.Tests.Counterparties;

/// <summary>
/// The CRM mapping against the portal emulator through the real SDK, on a migrated SQLite file: one portal, its
/// client, and the services as the module wires them.
/// </summary>
internal sealed class EmulatedCrm : IAsyncDisposable
{
    private const string ClientId = "local.wineb24.onec";
    private const string ClientSecret = "emulator-secret";

    private Bitrix24Cloud cloud = null!;
    private Bitrix24ClientFactory factory = null!;

    public TestDatabase Database { get; } = new();
    public EmulatedPortal Portal { get; private set; } = null!;
    public IBitrix24Client Client { get; private set; } = null!;
    public IBitrix24ClientFactory Factory => factory;
    public string MemberId => Portal.MemberId;
    public ReviewList Review { get; private set; } = null!;
    public CounterpartySync Counterparties { get; private set; } = null!;
    public StageMap StageMap { get; private set; } = null!;
    public DealStatusSync Statuses { get; private set; } = null!;
    public OrderExportQueue Exports { get; private set; } = null!;
    public DealOrderExport OrderExport { get; private set; } = null!;
    public SaleInbox Inbox { get; private set; } = null!;
    public SaleFileInbox FileInbox { get; private set; } = null!;
    public ExchangeJournal Journal { get; private set; } = null!;
    public PortalLease Lease { get; private set; } = null!;
    private TimeProvider time = TimeProvider.System;

    public static async Task<EmulatedCrm> StartAsync(TimeProvider? clock = null, string? memberId = null)
    {
        var crm = new EmulatedCrm();
        crm.cloud = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = ClientId, ClientSecret = ClientSecret });
        crm.Portal = await crm.cloud.AddPortalAsync(new PortalOptions { Plan = PortalPlan.Enterprise, MemberId = memberId });
        var issued = crm.Portal.IssueTokens(1);
        var store = new SingleTokenStore(new PortalTokens(crm.Portal.MemberId, new Uri(crm.Portal.ClientEndpoint.ToString()),
            issued.AccessToken, issued.RefreshToken, issued.ExpiresAt));
        var sp = new ServiceCollection().AddSingleton<ITokenStore>(store).BuildServiceProvider();
        crm.factory = new Bitrix24ClientFactory(Options.Create(new Bitrix24ClientOptions
        {
            ClientId = ClientId, ClientSecret = ClientSecret, OAuthServer = crm.cloud.OAuthServer, RequestTimeout = TimeSpan.FromSeconds(60),
        }), sp, TimeProvider.System);
        crm.Client = crm.factory.ForPortal(crm.MemberId);

        var time = clock ?? TimeProvider.System;
        crm.time = time;
        var exchangeOptions = Options.Create(new OneCExchangeOptions { ExchangeRoot = Path.Combine(crm.Database.Directory, "1c") });
        crm.Journal = new ExchangeJournal(crm.Database,
            new FailedFiles(crm.Database, new UploadStore(exchangeOptions), exchangeOptions, time, NullLogger<FailedFiles>.Instance), time);
        crm.Lease = new PortalLease(crm.Database, time);
        crm.Review = new ReviewList(crm.Database, time);
        crm.Counterparties = new CounterpartySync(crm.Database, crm.factory, new RequisitePresets(), crm.Review, time, NullLogger<CounterpartySync>.Instance);
        crm.StageMap = new StageMap(crm.Database);
        crm.Statuses = new DealStatusSync(crm.Database, crm.factory, crm.StageMap, crm.Review, time, NullLogger<DealStatusSync>.Instance);
        crm.Exports = new OrderExportQueue(crm.Database, crm.factory, crm.Counterparties, crm.StageMap, time, NullLogger<OrderExportQueue>.Instance);
        crm.OrderExport = new DealOrderExport(crm.Database, time);
        var services = new ServiceCollection()
            .AddSingleton<IBitrix24ClientFactory>(crm.factory)
            .AddSingleton<ICounterpartySink>(crm.Counterparties)
            .AddSingleton(crm.Statuses)
            .AddSingleton(crm.Exports)
            .AddSingleton(crm.Lease)
            .AddSingleton(crm.Journal)
            .BuildServiceProvider();
        crm.Inbox = new SaleInbox(crm.Database, services, time, NullLogger<SaleInbox>.Instance);
        crm.FileInbox = new SaleFileInbox(crm.Database, crm.Inbox, crm.Journal, time);
        return crm;
    }

    /// <summary>
    /// A second app instance on the same database and portal: its own service provider with its own singletons
    /// (sync, lease, journal, inbox), sharing only the SQLite file and the Bitrix24 client factory.
    /// </summary>
    public SaleInbox SecondInstanceInbox()
    {
        var review = new ReviewList(Database, time);
        var counterparties = new CounterpartySync(Database, factory, new RequisitePresets(), review, time, NullLogger<CounterpartySync>.Instance);
        var stageMap = new StageMap(Database);
        var exchangeOptions = Options.Create(new OneCExchangeOptions { ExchangeRoot = Path.Combine(Database.Directory, "1c") });
        var services = new ServiceCollection()
            .AddSingleton<IBitrix24ClientFactory>(factory)
            .AddSingleton<ICounterpartySink>(counterparties)
            .AddSingleton(new DealStatusSync(Database, factory, stageMap, review, time, NullLogger<DealStatusSync>.Instance))
            .AddSingleton(new OrderExportQueue(Database, factory, counterparties, stageMap, time, NullLogger<OrderExportQueue>.Instance))
            .AddSingleton(new PortalLease(Database, time))
            .AddSingleton(new ExchangeJournal(Database,
                new FailedFiles(Database, new UploadStore(exchangeOptions), exchangeOptions, time, NullLogger<FailedFiles>.Instance), time))
            .BuildServiceProvider();
        return new SaleInbox(Database, services, time, NullLogger<SaleInbox>.Instance);
    }

    /// <summary>Creates the deal user fields as the app's install would, from the declared definitions.</summary>
    public async Task RegisterDealFieldsAsync()
    {
        foreach (var f in new DealUserFields().UserFields)
        {
            await Client.CallAsync("crm.deal.userfield.add", new JObject
            {
                ["fields"] = new JObject { ["FIELD_NAME"] = f.FieldName["UF_CRM_".Length..], ["USER_TYPE_ID"] = f.UserTypeId, ["EDIT_FORM_LABEL"] = f.Label.Ru },
            }, CallKind.Create);
        }
    }

    /// <summary>A sale file from 1C, passed through the sink exactly as the importer does after validating it.</summary>
    /// <returns>The warning lines the sink added (what 1C would see after <c>success</c>).</returns>
    public async Task<IList<string>> ReceiveSaleFileAsync(string xml, string fileName = "orders-1.xml", string session = "s-1")
    {
        var path = Path.Combine(Database.Directory, fileName);
        await File.WriteAllTextAsync(path, xml);
        var batch = new ImportBatch(MemberId, session, fileName, ImportCounts.Empty with { Documents = 1 }, () => CommerceMLReader.Read(path));
        await FileInbox.ApplyAsync(batch, default);
        return batch.Warnings;
    }

    /// <summary>The portal's only company, as the emulator stores it.</summary>
    public JsonObject SingleCompany() => Portal.Crm.All(CrmEntityType.Company).Single();

    /// <summary>A text field of an emulator record ("" when absent).</summary>
    public static string Field(JsonNode? record, string name) => record?[name]?.GetValue<string>() ?? "";

    public async Task<long> AddCompanyWithRequisiteAsync(string title, string inn, string? kpp)
    {
        var id = await Client.Crm.Companies.AddAsync(new { TITLE = title });
        await Client.Crm.Requisites.AddAsync(new { ENTITY_TYPE_ID = 4, ENTITY_ID = id, PRESET_ID = 1, NAME = title, RQ_INN = inn, RQ_KPP = kpp ?? "" });
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        factory.Dispose();
        await cloud.DisposeAsync();
        Database.Dispose();
    }

    private sealed class SingleTokenStore(PortalTokens tokens) : ITokenStore
    {
        private PortalTokens current = tokens;

        public Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken) =>
            Task.FromResult<PortalTokens?>(memberId == current.MemberId ? current : null);

        public Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed, CancellationToken cancellationToken)
        {
            current = refreshed;
            return Task.FromResult(refreshed);
        }

        public Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
