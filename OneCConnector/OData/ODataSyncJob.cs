using Quartz;

namespace WineB24.OneCConnector.OData;

/// <summary>
/// The Quartz job of one portal; each of its triggers names what to read. <see cref="DisallowConcurrentExecutionAttribute"/>
/// applies per job, i.e. per portal: a slow receivables run and the counterparty read of the same portal never overlap.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ODataSyncJob(ODataSyncRunner runner) : IJob
{
    public const string Group = "onec-odata";
    public const string MemberKey = "member_id";
    public const string KindKey = "kind";

    public static JobKey KeyFor(string memberId) => new("odata-" + memberId, Group);

    public static TriggerKey TriggerFor(string memberId, ODataSyncKind kind) => new($"odata-{memberId}-{kind.ToString().ToLowerInvariant()}", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var memberId = data.GetString(MemberKey) ?? throw new JobExecutionException("OData job without member_id");
        var kind = Enum.TryParse<ODataSyncKind>(data.GetString(KindKey), out var k) ? k : ODataSyncKind.Receivables;
        await runner.RunAsync(memberId, kind, cancellationToken);
    }
}
