using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Tests.Fakes;

/// <summary>
/// An in-memory portal for the registrar and lifecycle: robots, placements, event bindings, triggers, user fields,
/// app.info and the offline queue, with token checks. Every call is recorded for assertions.
/// </summary>
public sealed class FakePortal(string memberId, string domain)
{
    public string MemberId { get; } = memberId;
    public string Domain { get; } = domain;
    public Uri ClientEndpoint => new($"https://{Domain}/rest/");
    public string License { get; set; } = "ru_std";
    public string LicenseFamily { get; set; } = "std";
    public string Language { get; set; } = "ru";

    public ConcurrentDictionary<string, byte> AccessTokens { get; } = new();
    public ConcurrentQueue<(string Method, JObject Parameters)> Calls { get; } = new();

    public Dictionary<string, JObject> Robots { get; } = new(StringComparer.Ordinal);
    public List<JObject> Placements { get; } = [];
    public List<JObject> Events { get; } = [];
    public Dictionary<string, string> Triggers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<JObject>> UserFields { get; } = new(StringComparer.Ordinal);
    public List<JObject> OfflineQueue { get; } = [];
    public List<string> Cleared { get; } = [];
    public List<string> Errored { get; } = [];

    /// <summary>Methods that answer with this error instead of running.</summary>
    public Dictionary<string, string> FailingMethods { get; } = new(StringComparer.Ordinal);

    private readonly object _gate = new();

    public JToken Execute(string method, JObject p, string accessToken)
    {
        if (!AccessTokens.ContainsKey(accessToken))
        {
            throw new Bitrix24Exception("invalid_token", "Unable to authorize", 401, method);
        }
        Calls.Enqueue((method, (JObject)p.DeepClone()));
        if (FailingMethods.TryGetValue(method, out var failure))
        {
            throw new Bitrix24Exception(failure, "injected", 400, method);
        }
        lock (_gate)
        {
            return method == "batch" ? Batch(p) : Run(method, p);
        }
    }

    /// <summary>Commands without query strings are enough here; empty parts come back as [] like the real portal.</summary>
    private JToken Batch(JObject p)
    {
        var results = new JObject();
        var errors = new JObject();
        foreach (var command in ((JObject)p["cmd"]!).Properties())
        {
            var method = command.Value.ToString().Split('?')[0];
            Calls.Enqueue((method, new JObject()));
            try
            {
                results[command.Name] = FailingMethods.TryGetValue(method, out var failure)
                    ? throw new Bitrix24Exception(failure, "injected", 400, method)
                    : Run(method, new JObject());
            }
            catch (Bitrix24Exception e)
            {
                errors[command.Name] = new JObject { ["error"] = e.Code, ["error_description"] = e.Description };
            }
        }
        return new JObject
        {
            ["result"] = results.Count > 0 ? results : new JArray(),
            ["result_error"] = errors.Count > 0 ? errors : new JArray(),
            ["result_total"] = new JArray(),
            ["result_next"] = new JArray(),
            ["result_time"] = new JArray(),
        };
    }

    private JToken Run(string method, JObject p)
    {
        switch (method)
        {
            case "app.info":
                return new JObject
                {
                    ["ID"] = 7, ["CODE"] = "local.wineb24", ["VERSION"] = 3, ["STATUS"] = "P", ["INSTALLED"] = false,
                    ["LICENSE"] = License, ["LICENSE_FAMILY"] = LicenseFamily, ["LANGUAGE_ID"] = Language,
                };
            case "bizproc.robot.list":
                return new JArray(Robots.Keys.ToArray<object>());
            case "bizproc.robot.add":
                var code = p["CODE"]!.ToString();
                if (Robots.ContainsKey(code))
                {
                    throw new Bitrix24Exception("ERROR_ACTIVITY_ALREADY_INSTALLED", "Activity or Robot already installed!", 400, method);
                }
                Robots[code] = p;
                return true;
            case "bizproc.robot.update":
                var updated = p["CODE"]!.ToString();
                if (!Robots.TryGetValue(updated, out var robot))
                {
                    throw new Bitrix24Exception("ERROR_ACTIVITY_NOT_FOUND", "Activity or Robot not found!", 400, method);
                }
                robot.Merge(p["FIELDS"]);
                return true;
            case "bizproc.robot.delete":
                Robots.Remove(p["CODE"]!.ToString());
                return true;
            case "placement.get":
                return new JArray(Placements.Select(x => x.DeepClone()));
            case "placement.bind":
                Placements.Add(new JObject { ["placement"] = p["PLACEMENT"], ["handler"] = p["HANDLER"], ["title"] = p["TITLE"], ["userId"] = 0 });
                return true;
            case "placement.unbind":
                var removed = Placements.RemoveAll(x => x["placement"]!.ToString() == p["PLACEMENT"]!.ToString()
                    && (p["HANDLER"] is null || x["handler"]!.ToString() == p["HANDLER"]!.ToString()));
                return new JObject { ["count"] = removed };
            case "event.get":
                return new JArray(Events.Select(x => x.DeepClone()));
            case "event.bind":
                var offline = p["event_type"]?.ToString() == "offline";
                var handler = offline ? "" : p["handler"]?.ToString() ?? throw new Bitrix24Exception("ERROR_ARGUMENT", "handler", 400, method);
                if (Events.Any(x => x["event"]!.ToString() == p["event"]!.ToString().ToUpperInvariant() && x["handler"]!.ToString() == handler && (int)x["offline"]! == (offline ? 1 : 0)))
                {
                    throw new Bitrix24Exception("ERROR_HANDLER_ALREADY_EXIST", "Handler already binded", 400, method);
                }
                Events.Add(new JObject { ["event"] = p["event"]!.ToString().ToUpperInvariant(), ["handler"] = handler, ["auth_type"] = "0", ["offline"] = offline ? 1 : 0 });
                return true;
            case "event.unbind":
                var isOffline = p["event_type"]?.ToString() == "offline";
                var count = Events.RemoveAll(x => x["event"]!.ToString() == p["event"]!.ToString().ToUpperInvariant()
                    && (int)x["offline"]! == (isOffline ? 1 : 0)
                    && (isOffline || x["handler"]!.ToString() == p["handler"]?.ToString()));
                return new JObject { ["count"] = count };
            case "crm.automation.trigger.list":
                return new JArray(Triggers.Select(t => new JObject { ["CODE"] = t.Key, ["NAME"] = t.Value }));
            case "crm.automation.trigger.add":
                Triggers[p["CODE"]!.ToString()] = p["NAME"]!.ToString();
                return true;
            case "event.offline.get":
                var processId = Guid.NewGuid().ToString("N");
                var batch = OfflineQueue.Take((int?)p["limit"] ?? 50).ToList();
                return new JObject { ["process_id"] = processId, ["events"] = new JArray(batch) };
            case "event.offline.clear":
                foreach (var id in (JArray)p["id"]!)
                {
                    Cleared.Add(id.ToString());
                    OfflineQueue.RemoveAll(x => x["ID"]!.ToString() == id.ToString());
                }
                return true;
            case "event.offline.error":
                foreach (var id in (JArray)p["message_id"]!)
                {
                    Errored.Add(id.ToString());
                    OfflineQueue.RemoveAll(x => x["MESSAGE_ID"]!.ToString() == id.ToString());
                }
                return true;
        }
        var uf = System.Text.RegularExpressions.Regex.Match(method, @"^crm\.(\w+)\.userfield\.(list|add)$");
        if (uf.Success)
        {
            var fields = UserFields.TryGetValue(uf.Groups[1].Value, out var list) ? list : UserFields[uf.Groups[1].Value] = [];
            if (uf.Groups[2].Value == "list")
            {
                return new JArray(fields.Select(f => f.DeepClone()));
            }
            var field = (JObject)p["fields"]!.DeepClone();
            field["ID"] = fields.Count + 100;
            fields.Add(field);
            return fields.Count + 100;
        }
        throw new Bitrix24Exception("ERROR_METHOD_NOT_FOUND", "Method not found!", 404, method);
    }
}
