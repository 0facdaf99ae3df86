using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// Brings 1C counterparties into companies + requisites. Per card: unchanged since the last applied state → nothing;
/// a problem visible on the card → review list; otherwise one lookup batch for all cards (requisites by INN+KPP, the
/// linked company's requisites, companies by origin id), a decision per card, and one write batch for all cards
/// (company and requisite of a card in the same batch, the requisite referring to the new company by
/// <c>$result[…]</c>). Match order: INN+KPP, then the stored link, then the 1C id kept in the company's ORIGIN_ID.
/// </summary>
public sealed class CounterpartySync(
    IDbContextFactory<OneCDbContext> dbFactory,
    IBitrix24ClientFactory clients,
    RequisitePresets presets,
    ReviewList review,
    TimeProvider time,
    ILogger<CounterpartySync> logger) : ICounterpartySink, ICounterpartyCompanies
{
    /// <summary>ORIGINATOR_ID of companies this app created from 1C; ORIGIN_ID holds the 1C id.</summary>
    public const string Originator = "WINEB24_1C";

    private static readonly string[] RequisiteSelect = ["ID", "ENTITY_ID", "RQ_INN", "RQ_KPP"];

    private sealed record Work(int Index, CounterpartyCard Card, string Hash, CounterpartyLinkRecord? Link)
    {
        public string Key(string prefix) => prefix + Index;
    }

    private sealed record Plan(Work Work, long? CompanyId, long? RequisiteId)
    {
        /// <summary>The phones/e-mails that were 1C's on the company before this card; null = not known (see <see cref="ContactValues.Reconcile"/>).</summary>
        public OwnedContacts? OwnedBefore { get; init; } = OwnedContacts.None;

        /// <summary>The existing company's phones and e-mails as the portal has them (read only when the card has some or 1C owned some).</summary>
        public JObject? Company { get; init; }

        /// <summary>The existing requisite's legal address (null: none yet, or not read because the card has none).</summary>
        public JObject? Address { get; init; }
    }

    public Task ApplyAsync(string memberId, IReadOnlyList<CounterpartyCard> cards, CancellationToken cancellationToken) =>
        ApplyAsync(memberId, cards, new ApplyReport(), cancellationToken);

    /// <summary>As <see cref="ApplyAsync(string, IReadOnlyList{CounterpartyCard}, CancellationToken)"/>, counting into <paramref name="report"/>.</summary>
    public async Task ApplyAsync(string memberId, IReadOnlyList<CounterpartyCard> cards, ApplyReport report, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var latest = cards.GroupBy(c => c.OneCId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var ids = latest.Select(c => c.OneCId).ToList();
        Dictionary<string, CounterpartyLinkRecord> links;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            links = await db.CounterpartyLinks.AsNoTracking().Where(l => l.MemberId == memberId && ids.Contains(l.OneCId)).ToDictionaryAsync(l => l.OneCId, ct);
        }

        var work = new List<Work>();
        var unowned = new List<(CounterpartyCard Card, CounterpartyLinkRecord Link)>();
        foreach (var card in latest)
        {
            var hash = CounterpartyCards.Hash(card);
            var link = links.GetValueOrDefault(card.OneCId);
            if (link is not null && link.CardHash == hash)
            {
                if (link.ContactsOwned is null && (card.Phones.Count > 0 || card.Emails.Count > 0))
                {
                    unowned.Add((card, link));
                }
                continue;
            }
            if (CounterpartyRules.Check(card) is { } problem)
            {
                await review.AddAsync(memberId, ReviewList.CounterpartySubject, card.OneCId, problem, CounterpartyCards.Serialize(card), ct, report);
                continue;
            }
            if (link is null && card.DeletionMark)
            {
                continue;   // marked for deletion in 1C and never seen: nothing to create
            }
            work.Add(new Work(work.Count, card, hash, link));
        }
        // Two 1C counterparties with one INN+KPP (duplicates in 1C) would both miss the lookup and both create a
        // company; the later ones wait for a second round, where the first one's requisite matches them.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nextRound = work.Where(w => w.Card.Inn is { } inn && !seen.Add(inn + "/" + w.Card.Kpp)).ToList();
        work = work.Except(nextRound).Select((w, i) => w with { Index = i }).ToList();
        if (unowned.Count > 0)
        {
            await AdoptContactsAsync(memberId, unowned, ct);
        }
        if (work.Count == 0)
        {
            return;
        }

        await ApplyRoundAsync(memberId, work, report, ct);
        if (nextRound.Count > 0)
        {
            await ApplyAsync(memberId, nextRound.Select(w => w.Card).ToList(), report, ct);
        }
    }

    /// <summary>
    /// Links stored before ownership was kept, whose card did not change: the company is read (no write) and the card's
    /// phones/e-mails on it are recorded as 1C's — the sync wrote them — so 1C's next change replaces them instead of
    /// adding beside them. Runs once per such link; a failed read leaves it for the next exchange.
    /// </summary>
    private async Task AdoptContactsAsync(string memberId, List<(CounterpartyCard Card, CounterpartyLinkRecord Link)> unowned, CancellationToken ct)
    {
        var client = clients.ForPortal(memberId);
        var read = await client.RunAsync(unowned.Select((u, i) =>
            new BatchCommand("g" + i, "crm.company.get", new JObject { ["id"] = u.Link.CompanyId })), cancellationToken: ct);
        var owned = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < unowned.Count; i++)
        {
            if (read.Results.GetValueOrDefault("g" + i) is JObject company)
            {
                var card = unowned[i].Card;
                owned[card.OneCId] = new OwnedContacts(ContactValues.Adopted(card.Phones, Entries(company, "PHONE"), ContactValues.Phone),
                    ContactValues.Adopted(card.Emails, Entries(company, "EMAIL"), ContactValues.Email)).Serialize();
            }
            else if (read.Errors.GetValueOrDefault("g" + i) is { Code: "NOT_FOUND" })
            {
                owned[unowned[i].Card.OneCId] = OwnedContacts.None.Serialize();   // company deleted: nothing to own, no read again
            }
        }
        if (owned.Count == 0)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = owned.Keys.ToList();
        foreach (var link in await db.CounterpartyLinks.Where(l => l.MemberId == memberId && ids.Contains(l.OneCId) && l.ContactsOwned == null).ToListAsync(ct))
        {
            link.ContactsOwned = owned[link.OneCId];
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyRoundAsync(string memberId, List<Work> work, ApplyReport report, CancellationToken ct)
    {
        var client = clients.ForPortal(memberId);
        var presetIds = await presets.ForAsync(client, memberId, ct);
        var found = await client.RunAsync(LookupCommands(work), cancellationToken: ct);
        if (found.Errors.Count > 0)
        {
            throw found.Errors.Values.First();   // a failed read leaves everything for the next attempt
        }

        var plans = new List<Plan>();
        foreach (var w in work)
        {
            if (await DecideAsync(memberId, w, found, report, ct) is { } plan)
            {
                plans.Add(plan);
            }
        }
        if (plans.Count > 0)
        {
            plans = await ReadExistingAsync(client, plans, ct);
            await WriteAsync(memberId, client, plans, presetIds, report, ct);
        }
    }

    private static IEnumerable<BatchCommand> LookupCommands(List<Work> work)
    {
        foreach (var w in work)
        {
            if (w.Card.Inn is { } inn)
            {
                var filter = new JObject { ["ENTITY_TYPE_ID"] = 4, ["RQ_INN"] = inn };
                if (w.Card.Kpp is { } kpp)
                {
                    filter["RQ_KPP"] = kpp;
                }
                yield return new BatchCommand(w.Key("m"), "crm.requisite.list", new JObject { ["filter"] = filter, ["select"] = new JArray(RequisiteSelect) });
            }
            if (w.Link is { } link)
            {
                yield return new BatchCommand(w.Key("l"), "crm.requisite.list", new JObject
                {
                    ["filter"] = new JObject { ["ENTITY_TYPE_ID"] = 4, ["ENTITY_ID"] = link.CompanyId },
                    ["select"] = new JArray(RequisiteSelect),
                });
            }
            else
            {
                yield return new BatchCommand(w.Key("o"), "crm.company.list", new JObject
                {
                    ["filter"] = new JObject { ["ORIGINATOR_ID"] = Originator, ["ORIGIN_ID"] = w.Card.OneCId },
                    ["select"] = new JArray("ID"),
                });
            }
        }
    }

    private async Task<Plan?> DecideAsync(string memberId, Work w, BatchResult found, ApplyReport report, CancellationToken ct)
    {
        var card = w.Card;
        var matches = Rows(found, w.Key("m"));
        var matchedCompanies = matches.Select(r => Long(r, "ENTITY_ID")).Distinct().ToList();
        if (matchedCompanies.Count > 1)
        {
            await HoldAsync(memberId, card, CounterpartyRules.Ambiguous(card, matchedCompanies), report, ct);
            return null;
        }
        if (matchedCompanies.Count == 1)
        {
            var company = matchedCompanies[0];
            if (w.Link is { } l && l.CompanyId != company)
            {
                await HoldAsync(memberId, card, CounterpartyRules.LinkedElsewhere(card, l.CompanyId, company), report, ct);
                return null;
            }
            // Matched by INN+KPP without a link: a company reps made, nothing on it is 1C's yet.
            return new Plan(w, company, Long(matches[0], "ID")) { OwnedBefore = w.Link is { } linked ? OwnedContacts.Parse(linked.ContactsOwned) : OwnedContacts.None };
        }
        if (w.Link is { } link)
        {
            var requisites = Rows(found, w.Key("l"));
            var other = requisites.FirstOrDefault(r => r.Value<string>("RQ_INN") is { Length: > 0 } inn && inn != card.Inn);
            if (other is not null && card.Inn is not null)
            {
                await HoldAsync(memberId, card, CounterpartyRules.InnDiffers(card, link.CompanyId, other.Value<string>("RQ_INN")!), report, ct);
                return null;
            }
            var own = requisites.FirstOrDefault(r => link.RequisiteId is { } id && Long(r, "ID") == id)
                ?? requisites.FirstOrDefault(r => string.IsNullOrEmpty(r.Value<string>("RQ_INN")) || r.Value<string>("RQ_INN") == card.Inn);
            return new Plan(w, link.CompanyId, own is null ? null : Long(own, "ID")) { OwnedBefore = OwnedContacts.Parse(link.ContactsOwned) };
        }
        var byOrigin = Rows(found, w.Key("o")).Select(r => Long(r, "ID")).ToList();
        // Found by the 1C id in its origin: the app made this company, so what 1C sends that is on it is taken as 1C's.
        return new Plan(w, byOrigin.Count > 0 ? byOrigin.Min() : null, null) { OwnedBefore = byOrigin.Count > 0 ? null : OwnedContacts.None };
    }

    /// <summary>
    /// For cards going to existing companies: the company's multi-fields (to reconcile 1C's phones/e-mails) and the
    /// requisite's legal address (to write only the fields that differ), in one batch. Nothing is read for new companies.
    /// </summary>
    private static async Task<List<Plan>> ReadExistingAsync(IBitrix24Client client, List<Plan> plans, CancellationToken ct)
    {
        var commands = new List<BatchCommand>();
        foreach (var p in plans)
        {
            var card = p.Work.Card;
            if (p.CompanyId is { } companyId && (card.Phones.Count > 0 || card.Emails.Count > 0 || p.OwnedBefore is { IsEmpty: false }))
            {
                commands.Add(new BatchCommand(p.Work.Key("g"), "crm.company.get", new JObject { ["id"] = companyId }));
            }
            if (p.RequisiteId is { } requisiteId && LegalAddress.For(card) is not null)
            {
                commands.Add(new BatchCommand(p.Work.Key("a"), "crm.address.list", new JObject
                {
                    ["filter"] = new JObject { ["TYPE_ID"] = LegalAddress.TypeId, ["ENTITY_TYPE_ID"] = LegalAddress.RequisiteOwner, ["ENTITY_ID"] = requisiteId },
                }));
            }
        }
        if (commands.Count == 0)
        {
            return plans;
        }
        var read = await client.RunAsync(commands, cancellationToken: ct);
        // A deleted company is handled by the write (NOT_FOUND on update); any other failed read retries the file later.
        if (read.Errors.Values.FirstOrDefault(e => e.Code != "NOT_FOUND") is { } error)
        {
            throw error;
        }
        return plans.Select(p => p with
        {
            Company = read.Results.GetValueOrDefault(p.Work.Key("g")) as JObject,
            Address = Rows(read, p.Work.Key("a")).FirstOrDefault(),
        }).ToList();
    }

    private async Task WriteAsync(string memberId, IBitrix24Client client, List<Plan> plans, PresetIds presetIds, ApplyReport report, CancellationToken ct)
    {
        // A card's commands stay in one batch so the requisite can refer to the company created just before it.
        var groups = plans.Select(p => (Plan: p, Write: WriteCommands(p, presetIds))).ToList();
        var result = new Dictionary<string, JToken>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var chunk = new List<BatchCommand>();
        async Task FlushAsync()
        {
            if (chunk.Count == 0)
            {
                return;
            }
            var r = await client.BatchAsync(chunk, cancellationToken: ct);
            foreach (var (k, v) in r.Results) result[k] = v;
            foreach (var (k, e) in r.Errors)
            {
                errors[k] = e.Description.Length > 0 ? e.Description : e.Code;
                codes[k] = e.Code;
            }
            foreach (var k in r.NotRun) errors[k] = "not run";
            chunk.Clear();
        }
        foreach (var (_, (commands, _)) in groups)
        {
            if (chunk.Count + commands.Count > BatchCalls.MaxCommands)
            {
                await FlushAsync();
            }
            chunk.AddRange(commands);
        }
        await FlushAsync();

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var applied = new List<string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (plan, (commands, owned)) in groups)
        {
            var card = plan.Work.Card;
            var failed = commands.Select(c => c.Key).Where(errors.ContainsKey).ToList();
            var companyId = plan.CompanyId ?? (result.TryGetValue(plan.Work.Key("c"), out var c) ? (long?)c.Value<long>() : null);
            if (failed.Count > 0 || companyId is null)
            {
                var error = string.Join("; ", failed.Select(k => errors[k]));
                logger.LogWarning("Counterparty {OneCId} of {MemberId} not written: {Error}", card.OneCId, memberId, error);
                if (plan.CompanyId is { } gone && codes.GetValueOrDefault(plan.Work.Key("u")) == "NOT_FOUND")
                {
                    // Someone deleted the linked company: forget the link, the next exchange matches or creates afresh.
                    await db.CounterpartyLinks.Where(l => l.MemberId == memberId && l.OneCId == card.OneCId).ExecuteDeleteAsync(ct);
                    await HoldAsync(memberId, card, CounterpartyRules.CompanyDeleted(card, gone), report, ct);
                    continue;
                }
                await HoldAsync(memberId, card, CounterpartyRules.Refused(card, error), report, ct);
                if (companyId is null)
                {
                    continue;
                }
            }
            var requisiteId = plan.RequisiteId ?? (result.TryGetValue(plan.Work.Key("r"), out var r) ? (long?)r.Value<long>() : null);
            var link = await db.CounterpartyLinks.FirstOrDefaultAsync(l => l.MemberId == memberId && l.OneCId == card.OneCId, ct);
            if (link is null)
            {
                link = new CounterpartyLinkRecord { MemberId = memberId, OneCId = card.OneCId, CardHash = "" };
                db.CounterpartyLinks.Add(link);
            }
            link.CompanyId = companyId.Value;
            link.RequisiteId = requisiteId;
            // The phones/e-mails ride on the company write: only when it went through are 1C's values the new ones.
            var companyWritten = !errors.ContainsKey(plan.Work.Key("u")) && !errors.ContainsKey(plan.Work.Key("c"));
            link.ContactsOwned = companyWritten ? owned.Serialize() : link.ContactsOwned ?? plan.OwnedBefore?.Serialize();
            // A partly failed card keeps no hash, so the next exchange tries it again.
            link.CardHash = failed.Count == 0 ? plan.Work.Hash : "";
            link.UpdatedAt = now;
            if (failed.Count == 0)
            {
                applied.Add(card.OneCId);
                if (plan.CompanyId is null) report.CompanyCreated(); else report.CompanyUpdated();
                if (commands.Any(c => c.Key == plan.Work.Key("a"))) report.AddressWritten();
            }
        }
        await db.SaveChangesAsync(ct);
        await review.ResolveAsync(memberId, ReviewList.CounterpartySubject, applied, ct);
    }

    private static (List<BatchCommand> Commands, OwnedContacts Owned) WriteCommands(Plan plan, PresetIds presetIds)
    {
        var w = plan.Work;
        var card = w.Card;
        var commands = new List<BatchCommand>();
        var companyFields = new JObject { ["TITLE"] = card.Name, ["ORIGINATOR_ID"] = Originator, ["ORIGIN_ID"] = card.OneCId };
        var requisite = RequisiteFields(card, presetIds);
        if (plan.CompanyId is { } companyId)
        {
            // Only 1C's own entries change or go; a rep's numbers are not touched (ContactValues.Reconcile).
            var owned = Reconcile(companyFields, plan.Company, card, plan.OwnedBefore);
            commands.Add(new BatchCommand(w.Key("u"), "crm.company.update",
                new JObject { ["id"] = companyId, ["fields"] = companyFields, ["params"] = new JObject { ["REGISTER_SONET_EVENT"] = "N" } }, CallKind.IdempotentWrite));
            if (plan.RequisiteId is { } requisiteId)
            {
                commands.Add(new BatchCommand(w.Key("q"), "crm.requisite.update", new JObject { ["id"] = requisiteId, ["fields"] = requisite }, CallKind.IdempotentWrite));
                if (AddressCommand(w, card, requisiteId, plan.Address) is { } address)
                {
                    commands.Add(address);
                }
            }
            else
            {
                requisite["ENTITY_TYPE_ID"] = 4;
                requisite["ENTITY_ID"] = companyId;
                commands.Add(new BatchCommand(w.Key("r"), "crm.requisite.add", new JObject { ["fields"] = requisite }, CallKind.Create));
                if (AddressCommand(w, card, $"$result[{w.Key("r")}]", null) is { } address)
                {
                    commands.Add(address);
                }
            }
            return (commands, owned);
        }
        companyFields["COMPANY_TYPE"] = "CUSTOMER";
        var created = Reconcile(companyFields, null, card, OwnedContacts.None);
        commands.Add(new BatchCommand(w.Key("c"), "crm.company.add",
            new JObject { ["fields"] = companyFields, ["params"] = new JObject { ["REGISTER_SONET_EVENT"] = "N" } }, CallKind.Create));
        requisite["ENTITY_TYPE_ID"] = 4;
        requisite["ENTITY_ID"] = $"$result[{w.Key("c")}]";
        commands.Add(new BatchCommand(w.Key("r"), "crm.requisite.add", new JObject { ["fields"] = requisite }, CallKind.Create));
        if (AddressCommand(w, card, $"$result[{w.Key("r")}]", null) is { } newAddress)
        {
            commands.Add(newAddress);
        }
        return (commands, created);
    }

    /// <summary>Puts the PHONE/EMAIL items that bring the company in line with 1C into <paramref name="fields"/>; returns what is 1C's afterwards.</summary>
    private static OwnedContacts Reconcile(JObject fields, JObject? company, CounterpartyCard card, OwnedContacts? before)
    {
        var (phones, ownedPhones) = ContactValues.Reconcile(card.Phones, Entries(company, "PHONE"), before?.Phones, ContactValues.Phone);
        var (emails, ownedEmails) = ContactValues.Reconcile(card.Emails, Entries(company, "EMAIL"), before?.Emails, ContactValues.Email);
        foreach (var (type, items) in new[] { ("PHONE", phones), ("EMAIL", emails) }.Where(t => t.Item2.Count > 0))
        {
            KeepValueTypes(items, company, type);
            fields[type] = items;
        }
        return new OwnedContacts(ownedPhones, ownedEmails);
    }

    /// <summary>A changed entry is sent with its own VALUE_TYPE (the documented change form is {ID, VALUE, VALUE_TYPE}), so a rep's "mobile" stays one.</summary>
    private static void KeepValueTypes(JArray items, JObject? company, string type)
    {
        var types = (company?[type] as JArray ?? []).OfType<JObject>()
            .Where(e => e.Value<string>("ID") is { Length: > 0 } && e.Value<string>("VALUE_TYPE") is { Length: > 0 })
            .ToDictionary(e => e.Value<string>("ID")!, e => e.Value<string>("VALUE_TYPE")!, StringComparer.Ordinal);
        foreach (var item in items.OfType<JObject>().Where(i => i["VALUE"] is not null && i.Value<string>("ID") is { } id && types.ContainsKey(id)))
        {
            item["VALUE_TYPE"] = types[item.Value<string>("ID")!];
        }
    }

    private static List<(string Id, string Value)> Entries(JObject? company, string type) =>
        company?[type] is JArray items
            ? items.OfType<JObject>().Select(i => (i.Value<string>("ID") ?? "", i.Value<string>("VALUE") ?? "")).Where(e => e.Item1.Length > 0).ToList()
            : [];

    /// <summary>
    /// The legal address on the requisite: added when it has none, its differing fields updated, nothing when equal.
    /// An address 1C does not send is left alone (a rep may have typed it in Bitrix24).
    /// </summary>
    private static BatchCommand? AddressCommand(Work w, CounterpartyCard card, JToken requisiteId, JObject? existing)
    {
        if (LegalAddress.For(card) is not { } wanted)
        {
            return null;
        }
        if (existing is not null)
        {
            // Only the fields that differ are sent (crm.address.update leaves the others as they are).
            var changed = LegalAddress.Changed(existing, wanted).ToHashSet(StringComparer.Ordinal);
            if (changed.Count == 0)
            {
                return null;
            }
            foreach (var f in LegalAddress.Fields.Where(f => !changed.Contains(f)))
            {
                wanted.Remove(f);
            }
        }
        wanted["TYPE_ID"] = LegalAddress.TypeId;
        wanted["ENTITY_TYPE_ID"] = LegalAddress.RequisiteOwner;
        wanted["ENTITY_ID"] = requisiteId;
        return existing is null
            ? new BatchCommand(w.Key("a"), "crm.address.add", new JObject { ["fields"] = wanted }, CallKind.Create)
            : new BatchCommand(w.Key("a"), "crm.address.update", new JObject { ["fields"] = wanted }, CallKind.IdempotentWrite);
    }

    /// <summary>Empty strings, not nulls, for absent values: null is dropped from the query and would leave a stale value.</summary>
    private static JObject RequisiteFields(CounterpartyCard card, PresetIds presetIds)
    {
        var legal = card.Kind == CounterpartyKind.LegalEntity;
        return new JObject
        {
            ["PRESET_ID"] = presetIds.For(card.Kind),
            ["NAME"] = card.Name,
            ["XML_ID"] = card.OneCId,
            ["ACTIVE"] = card.DeletionMark ? "N" : "Y",
            ["RQ_INN"] = card.Inn ?? "",
            ["RQ_KPP"] = legal ? card.Kpp ?? "" : "",
            ["RQ_COMPANY_NAME"] = legal ? card.Name : "",
            ["RQ_COMPANY_FULL_NAME"] = legal ? card.FullName ?? card.Name : "",
            ["RQ_NAME"] = legal ? "" : card.FullName ?? card.Name,
        };
    }

    private Task HoldAsync(string memberId, CounterpartyCard card, ReviewReason reason, ApplyReport report, CancellationToken ct) =>
        review.AddAsync(memberId, ReviewList.CounterpartySubject, card.OneCId, reason, CounterpartyCards.Serialize(card), ct, report);

    private static List<JObject> Rows(BatchResult r, string key) =>
        r.Results.TryGetValue(key, out var rows) && rows is JArray a ? a.OfType<JObject>().ToList() : [];

    private static long Long(JObject row, string field) => long.TryParse(row.Value<string>(field), out var v) ? v : 0;

    public async Task<long?> FindCompanyIdAsync(string memberId, string oneCCounterpartyId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CounterpartyLinks.Where(l => l.MemberId == memberId && l.OneCId == oneCCounterpartyId)
            .Select(l => (long?)l.CompanyId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<string?> FindOneCIdAsync(string memberId, long companyId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CounterpartyLinks.Where(l => l.MemberId == memberId && l.CompanyId == companyId)
            .OrderBy(l => l.OneCId).Select(l => l.OneCId).FirstOrDefaultAsync(cancellationToken);
    }
}
