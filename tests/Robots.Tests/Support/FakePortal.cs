using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Robots.Tests.Support;

/// <summary>
/// An in-process stand-in for one portal's REST API: legacy CRM get, deal contact links, duplicate search,
/// batch, bizproc.event.send, with injectable failures. Used until the shared portal emulator is available.
/// </summary>
public sealed class FakePortal : IBitrix24Client
{
    private readonly ConcurrentDictionary<string, JObject> _records = new();
    private readonly ConcurrentDictionary<long, List<long>> _dealContacts = new();
    private readonly ConcurrentQueue<(string Method, Bitrix24Exception Error)> _failures = new();
    private readonly object _gate = new();
    private TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakePortal(string memberId) => MemberId = memberId;

    public string? MemberId { get; }
    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentQueue<JObject> EventSends { get; } = new();
    public HashSet<string> UsedEventTokens { get; } = [];

    public void Add(string type, long id, string? assignedBy, string[]? phones = null, string[]? emails = null, long? companyId = null, long? contactId = null)
    {
        var record = new JObject { ["ID"] = id.ToString(), ["ASSIGNED_BY_ID"] = assignedBy };
        if (phones is not null) record["PHONE"] = new JArray(phones.Select((p, i) => new JObject { ["ID"] = i + 1, ["VALUE"] = p, ["VALUE_TYPE"] = "WORK" }));
        if (emails is not null) record["EMAIL"] = new JArray(emails.Select((e, i) => new JObject { ["ID"] = i + 1, ["VALUE"] = e, ["VALUE_TYPE"] = "WORK" }));
        if (companyId is not null) record["COMPANY_ID"] = companyId.ToString();
        if (contactId is not null) record["CONTACT_ID"] = contactId.ToString();
        _records[$"{type}_{id}"] = record;
    }

    public void LinkDealContacts(long dealId, params long[] contactIds) => _dealContacts[dealId] = contactIds.ToList();

    /// <summary>The next call of <paramref name="method"/> (direct or inside a batch) fails with this error.</summary>
    public void FailNext(string method, string code, int status, int times = 1)
    {
        for (var i = 0; i < times; i++) _failures.Enqueue((method, new Bitrix24Exception(code, code + " (test)", status, method)));
    }

    public async Task<JObject> WaitForEventSendAsync(int count = 1)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (EventSends.Count < count)
        {
            Task wait;
            lock (_gate) wait = _sent.Task;
            if (EventSends.Count >= count) break;
            await wait.WaitAsync(cts.Token);
        }
        return EventSends.ElementAt(count - 1);
    }

    public Task<Bitrix24Response> CallAsync(string method, object? parameters = null, CallKind kind = CallKind.Read, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var p = parameters as JObject ?? (parameters is null ? new JObject() : JObject.FromObject(parameters));
        if (method == "batch")
        {
            Calls.Enqueue(method);
            ThrowIfFailing(method);
        }
        return Task.FromResult(new Bitrix24Response(method == "batch" ? Batch(p) : Dispatch(method, p), null, null, null));
    }

    private JToken Batch(JObject p)
    {
        var results = new JObject();
        var errors = new JObject();
        foreach (var (key, cmd) in (JObject)p["cmd"]!)
        {
            var text = cmd!.ToString();
            var q = text.IndexOf('?');
            var method = q < 0 ? text : text[..q];
            var args = q < 0 ? new JObject() : ToJson(BracketForm.Parse(text[(q + 1)..]).Node()!);
            try
            {
                results[key] = Dispatch(method, (JObject)args);
            }
            catch (Bitrix24Exception e)
            {
                errors[key] = new JObject { ["error"] = e.Code, ["error_description"] = e.Description };
            }
        }
        return new JObject
        {
            ["result"] = results.Count == 0 ? new JArray() : results,
            ["result_error"] = errors.Count == 0 ? new JArray() : errors,
            ["result_total"] = new JArray(),
            ["result_next"] = new JArray(),
        };
    }

    private JToken Dispatch(string method, JObject p)
    {
        Calls.Enqueue(method);
        ThrowIfFailing(method);
        switch (method)
        {
            case "crm.lead.get":
            case "crm.contact.get":
            case "crm.company.get":
            case "crm.deal.get":
                var type = method.Split('.')[1].ToUpperInvariant();
                return _records.TryGetValue($"{type}_{p.Value<string>("id")}", out var r)
                    ? r.DeepClone()
                    : throw new Bitrix24Exception("NOT_FOUND", "Not found", 400, method);
            case "crm.deal.contact.items.get":
                var links = _dealContacts.GetValueOrDefault(long.Parse(p.Value<string>("id")!), []);
                return new JArray(links.Select((c, i) => new JObject { ["CONTACT_ID"] = c, ["SORT"] = (i + 1) * 10, ["IS_PRIMARY"] = i == 0 ? "Y" : "N" }));
            case "crm.duplicate.findbycomm":
                return FindByComm(p);
            case "bizproc.event.send":
                var token = p.Value<string>("EVENT_TOKEN")!;
                lock (_gate)
                {
                    if (!UsedEventTokens.Add(token)) throw new Bitrix24Exception("ACCESS_DENIED", "Access denied!", 403, method);
                    EventSends.Enqueue(p);
                    var done = _sent;
                    _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    done.SetResult();
                }
                return true;
            default:
                throw new Bitrix24Exception("ERROR_METHOD_NOT_FOUND", "Method not found!", 404, method);
        }
    }

    private void ThrowIfFailing(string method)
    {
        lock (_failures)
        {
            if (_failures.TryPeek(out var f) && f.Method == method && _failures.TryDequeue(out f)) throw f.Error;
        }
    }

    public int CallCount(string method) => Calls.Count(c => c == method);

    private JToken FindByComm(JObject p)
    {
        var values = p["values"] switch
        {
            JArray a => a.Select(v => v.ToString()).ToList(),
            JObject o => o.Properties().Select(v => v.Value.ToString()).ToList(),
            _ => [],
        };
        if (values.Count > 20) throw new Bitrix24Exception("ERROR_ARGUMENT", "Too many values", 400, "crm.duplicate.findbycomm");
        var field = p.Value<string>("type")!;
        var onlyType = p.Value<string?>("entity_type");
        var wanted = values.Select(v => Key(field, v)).ToHashSet();
        var hits = new JObject();
        foreach (var (id, record) in _records)
        {
            var type = id[..id.LastIndexOf('_')];
            if (type == "DEAL" || (onlyType is not null && onlyType != type)) continue;
            if (record[field] is not JArray items || !items.Any(i => wanted.Contains(Key(field, i.Value<string>("VALUE") ?? "")))) continue;
            if (hits[type] is not JArray list) hits[type] = list = new JArray();
            list.Add(long.Parse(id[(id.LastIndexOf('_') + 1)..]));
        }
        return hits.Count == 0 ? new JArray() : hits;
    }

    // The portal compares phones by digits (8 and 7 trunk prefixes alike) and e-mails case-insensitively.
    private static string Key(string field, string value)
    {
        if (field == "EMAIL") return value.Trim().ToLowerInvariant();
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11 && digits[0] == '8' ? "7" + digits[1..] : digits;
    }

    private static JToken ToJson(object node) => node switch
    {
        string s => s,
        Dictionary<string, object> map => new JObject(map.Select(kv => new JProperty(kv.Key, ToJson(kv.Value)))),
        _ => JValue.CreateNull(),
    };
}
