using System.Globalization;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Robots.Catalogue;
using WineB24.Robots.Execution;

namespace WineB24.Robots.Duplicates;

/// <summary>What the check found for one document.</summary>
public sealed record DuplicateReport(CrmRef Document, Communications Searched, IReadOnlyList<CrmRef> Duplicates, bool HasOtherResponsible);

/// <summary>
/// Finds the leads, contacts and companies sharing a phone or e-mail with a CRM document. For a deal the
/// phones and e-mails are those of its contacts and company, which are not counted as duplicates themselves.
/// Every read goes through the SDK's batch (⌈N/50⌉ requests), so a check costs a handful of requests against the
/// portal's rate bucket whatever the number of values.
/// </summary>
public static class DuplicateSearch
{
    public static async Task<DuplicateReport> RunAsync(IBitrix24Client client, CrmDocument document, CancellationToken ct)
    {
        var self = new CrmRef(document.Type, document.Id);
        if (self.Type != CrmRef.Deal && !CrmRef.SearchableTypes.Contains(self.Type))
        {
            throw new RobotFailure(new(
                $"Проверка дубликатов работает для лидов, контактов, компаний и сделок, а не для {document}",
                $"The duplicate check works for leads, contacts, companies and deals, not for {document}"));
        }

        var (record, own, searched) = await ReadDocumentAsync(client, self, ct);
        var responsible = record.Value<string?>("ASSIGNED_BY_ID");
        if (searched.IsEmpty)
        {
            return new DuplicateReport(self, searched, [], false);
        }

        var duplicates = DuplicateRules.Collect(await FindAsync(client, searched, ct), own);
        var responsibles = await ReadResponsiblesAsync(client, duplicates, ct);
        return new DuplicateReport(self, searched, duplicates, DuplicateRules.HasOtherResponsible(responsible, responsibles));
    }

    private static async Task<(JToken Record, IReadOnlySet<CrmRef> Own, Communications Searched)> ReadDocumentAsync(
        IBitrix24Client client, CrmRef self, CancellationToken ct)
    {
        var first = new List<BatchCommand> { Get("doc", self) };
        if (self.Type == CrmRef.Deal)
        {
            first.Add(new("contacts", "crm.deal.contact.items.get", new JObject { ["id"] = self.Id }));
        }
        var read = await client.RunAsync(first, cancellationToken: ct);
        if (read.Errors.TryGetValue("doc", out var docError))
        {
            if (FailureClassifier.Classify(docError) != FailureKind.Permanent) throw docError;
            throw new RobotFailure(new($"Не удалось прочитать {self}: {docError.Code} {docError.Description}",
                $"Could not read {self}: {docError.Code} {docError.Description}"), docError);
        }
        var record = read["doc"];
        var own = new HashSet<CrmRef> { self };
        var searched = new Communications();
        if (self.Type != CrmRef.Deal)
        {
            searched.AddFrom(record);
            return (record, own, searched);
        }

        // A deal has no phones of its own: search by its contacts' and company's.
        if (PositiveId(record["COMPANY_ID"]) is { } companyId) own.Add(new(CrmRef.Company, companyId));
        if (PositiveId(record["CONTACT_ID"]) is { } contactId) own.Add(new(CrmRef.Contact, contactId));
        if (read.Results.TryGetValue("contacts", out var items) && items is JArray links)
        {
            foreach (var link in links)
            {
                if (PositiveId(link["CONTACT_ID"]) is { } id) own.Add(new(CrmRef.Contact, id));
            }
        }
        else if (read.Errors.TryGetValue("contacts", out var linkError) && FailureClassifier.Classify(linkError) != FailureKind.Permanent)
        {
            throw linkError;
        }
        var parties = own.Where(r => r != self).ToList();
        if (parties.Count > 0)
        {
            var partyRead = await client.RunAsync(parties.Select(p => Get(p.ToString(), p)), cancellationToken: ct);
            ThrowIfNotPermanent(partyRead);
            foreach (var party in partyRead.Results.Values) searched.AddFrom(party);
        }
        return (record, own, searched);
    }

    private static async Task<IEnumerable<JToken>> FindAsync(IBitrix24Client client, Communications searched, CancellationToken ct)
    {
        // One search per entity type: findbycomm without entity_type lets a type with >= 20 hits hide the others.
        var commands = new List<BatchCommand>();
        foreach (var (kind, values) in new[] { ("PHONE", (IEnumerable<string>)searched.Phones), ("EMAIL", searched.Emails) })
        {
            var chunkNo = 0;
            foreach (var chunk in DuplicateRules.Chunks(values))
            {
                foreach (var type in CrmRef.SearchableTypes)
                {
                    var parameters = new JObject { ["type"] = kind, ["entity_type"] = type, ["values"] = new JArray(chunk) };
                    commands.Add(new($"{kind}_{type}_{chunkNo}", "crm.duplicate.findbycomm", parameters));
                }
                chunkNo++;
            }
        }
        var found = await client.RunAsync(commands, cancellationToken: ct);
        if (found.Errors.Count > 0)
        {
            // Without every answer the count would be wrong; transient errors are retried by the job.
            throw found.Errors.Values.First();
        }
        return found.Results.Values;
    }

    private static async Task<IReadOnlyList<string?>> ReadResponsiblesAsync(IBitrix24Client client, IReadOnlyList<CrmRef> duplicates, CancellationToken ct)
    {
        if (duplicates.Count == 0) return [];
        var read = await client.RunAsync(duplicates.Select(d => Get(d.ToString(), d)), cancellationToken: ct);
        ThrowIfNotPermanent(read);
        return read.Results.Values.Select(r => r.Value<string?>("ASSIGNED_BY_ID")).ToList();
    }

    // A record deleted or hidden meanwhile is skipped; limits and outages make the whole check retry.
    private static void ThrowIfNotPermanent(BatchResult outcome)
    {
        foreach (var error in outcome.Errors.Values)
        {
            if (FailureClassifier.Classify(error) != FailureKind.Permanent) throw error;
        }
    }

    private static BatchCommand Get(string key, CrmRef r) => new(key, r.MethodPrefix + ".get", new JObject { ["id"] = r.Id });

    private static long? PositiveId(JToken? token) =>
        token is not null && long.TryParse(token.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
