using System.Collections.Concurrent;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Tests.Support;

/// <summary>A feature's manifest as tests need it: one of each registration kind, changeable between installs.</summary>
public sealed class TestManifest : IAppManifestContributor
{
    public List<RobotDefinition> RobotList { get; } =
    [
        new("wineb24_test_robot", new("Тестовый робот", "Test robot"), new("Проверяет", "Checks"), "/robots/wineb24_test_robot",
            [new("Comment", new("Комментарий", "Comment"), "string", Required: true)],
            [new("Result", new("Результат", "Result"), "string")],
            [["crm", "CCrmDocumentDeal", "DEAL"], ["crm", "CCrmDocumentLead", "LEAD"]]),
    ];

    public List<PlacementDefinition> PlacementList { get; } =
        [new("CRM_DEAL_DETAIL_TAB", "/placements/deal-tab", new("1С: статус", "1C status"))];

    public List<EventBindingDefinition> EventList { get; } =
        [new("ONCRMLEADADD"), new("ONCRMDEALUPDATE", Offline: true)];

    public List<TriggerDefinition> TriggerList { get; } = [new("wineb24_paid", new("Оплачено в 1С", "Paid in 1C"))];

    public List<UserFieldDefinition> UserFieldList { get; } =
        [new("company", "WINE_SEGMENT", "enumeration", new("Сегмент", "Segment"), ListValues: ["HoReCa", "Розница"])];

    public IEnumerable<RobotDefinition> Robots => RobotList;
    public IEnumerable<PlacementDefinition> Placements => PlacementList;
    public IEnumerable<EventBindingDefinition> Events => EventList;
    public IEnumerable<TriggerDefinition> Triggers => TriggerList;
    public IEnumerable<UserFieldDefinition> UserFields => UserFieldList;
}

/// <summary>Records the events it receives; can be told to fail.</summary>
public sealed class RecordingEventHandler : IBitrix24EventHandler
{
    public ConcurrentQueue<InboundEvent> Received { get; } = new();
    public int FailuresBeforeSuccess;

    public IReadOnlyCollection<string> Events => ["ONCRMLEADADD", "ONCRMDEALUPDATE"];

    public Task HandleAsync(InboundEvent inboundEvent, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref FailuresBeforeSuccess) >= 0)
        {
            throw new InvalidOperationException("handler failure (injected)");
        }
        Received.Enqueue(inboundEvent);
        return Task.CompletedTask;
    }
}

/// <summary>Records which portals a feature was asked to forget.</summary>
public sealed class RecordingDataCleaner : IPortalDataCleaner
{
    public ConcurrentQueue<string> Cleaned { get; } = new();

    public Task DeletePortalDataAsync(string memberId, CancellationToken cancellationToken)
    {
        Cleaned.Enqueue(memberId);
        return Task.CompletedTask;
    }
}
