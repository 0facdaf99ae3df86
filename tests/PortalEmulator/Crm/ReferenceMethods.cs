using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>crm.status.list (stock dictionaries), crm.category.list (the default pipeline), crm.timeline.comment.add.</summary>
public static class ReferenceMethods
{
    private static readonly (string Entity, string Id, string Name, int Sort, string Semantics)[] Statuses =
    [
        ("STATUS", "NEW", "Не обработан", 10, ""), ("STATUS", "IN_PROCESS", "В работе", 20, ""), ("STATUS", "PROCESSED", "Обработан", 30, ""),
        ("STATUS", "JUNK", "Некачественный лид", 40, "F"), ("STATUS", "CONVERTED", "Качественный лид", 50, "S"),
        ("DEAL_STAGE", "NEW", "Новая", 10, ""), ("DEAL_STAGE", "PREPARATION", "Подготовка документов", 20, ""),
        ("DEAL_STAGE", "PREPAYMENT_INVOICE", "Счёт на предоплату", 30, ""), ("DEAL_STAGE", "EXECUTING", "В работе", 40, ""),
        ("DEAL_STAGE", "FINAL_INVOICE", "Финальный счёт", 50, ""), ("DEAL_STAGE", "WON", "Сделка успешна", 60, "S"),
        ("DEAL_STAGE", "LOSE", "Сделка провалена", 70, "F"), ("DEAL_STAGE", "APOLOGY", "Анализ причины провала", 80, "F"),
        ("SOURCE", "CALL", "Звонок", 10, ""), ("SOURCE", "EMAIL", "Электронная почта", 20, ""), ("SOURCE", "WEB", "Веб-сайт", 30, ""),
        ("SOURCE", "ADVERTISING", "Реклама", 40, ""), ("SOURCE", "PARTNER", "Существующий клиент", 50, ""),
        ("SOURCE", "RECOMMENDATION", "По рекомендации", 60, ""), ("SOURCE", "TRADE_SHOW", "Выставка", 70, ""), ("SOURCE", "OTHER", "Другое", 80, ""),
        ("DEAL_TYPE", "SALE", "Продажа", 10, ""), ("DEAL_TYPE", "COMPLEX", "Комплексная продажа", 20, ""), ("DEAL_TYPE", "SERVICES", "Продажа услуг", 30, ""),
        ("CONTACT_TYPE", "CLIENT", "Клиенты", 10, ""), ("CONTACT_TYPE", "SUPPLIER", "Поставщики", 20, ""), ("CONTACT_TYPE", "PARTNER", "Партнеры", 30, ""), ("CONTACT_TYPE", "OTHER", "Другое", 40, ""),
        ("COMPANY_TYPE", "CUSTOMER", "Клиент", 10, ""), ("COMPANY_TYPE", "SUPPLIER", "Поставщик", 20, ""), ("COMPANY_TYPE", "COMPETITOR", "Конкурент", 30, ""),
        ("COMPANY_TYPE", "PARTNER", "Партнер", 40, ""), ("COMPANY_TYPE", "OTHER", "Другое", 50, ""),
        ("INDUSTRY", "IT", "Информационные технологии", 10, ""), ("INDUSTRY", "MANUFACTURING", "Производство", 20, ""), ("INDUSTRY", "OTHER", "Другое", 30, ""),
    ];

    public static void Register(MethodRegistry registry)
    {
        registry.Add("crm.status.list", "crm", StatusList);
        registry.Add("crm.category.list", "crm", CategoryList);
        registry.Add("crm.timeline.comment.add", "crm", CommentAdd);
    }

    private static MethodResult StatusList(MethodCall call)
    {
        var rows = Statuses.Select((s, i) => new JsonObject
        {
            ["ID"] = CrmStore.Str(i + 1),
            ["ENTITY_ID"] = s.Entity,
            ["STATUS_ID"] = s.Id,
            ["NAME"] = s.Name,
            ["NAME_INIT"] = s.Name,
            ["SORT"] = CrmStore.Str(s.Sort),
            ["SYSTEM"] = "Y",
            ["CATEGORY_ID"] = s.Entity == "DEAL_STAGE" ? "0" : null,
            ["COLOR"] = "#39A8EF",
            ["SEMANTICS"] = s.Semantics.Length == 0 ? null : s.Semantics,
            ["EXTRA"] = s.Entity == "DEAL_STAGE" || s.Entity == "STATUS" ? new JsonObject { ["SEMANTICS"] = s.Semantics switch { "S" => "success", "F" => "failure", _ => "process" }, ["COLOR"] = "#39A8EF" } : null,
        });
        var order = call.Param("order") ?? new JsonObject { ["SORT"] = "ASC" };
        var page = RecordList.Run(rows, call.Param("filter"), order, null, n => n.ToUpperInvariant());
        return new MethodResult(new JsonArray(page.Rows.Select(r => (JsonNode)r).ToArray()), page.Total);
    }

    private static MethodResult CategoryList(MethodCall call)
    {
        var entityTypeId = call.Int("entityTypeId");
        if (entityTypeId is null)
        {
            throw RestError.Argument400("entityTypeId", "Required parameter \"entityTypeId\" is missing");
        }
        if (entityTypeId != 2)
        {
            throw new RestError(400, "NOT_FOUND", "Категории для этого типа сущности не поддерживаются");
        }
        var categories = new JsonArray(new JsonObject
        {
            ["id"] = 0,
            ["name"] = "Общая",
            ["sort"] = 100,
            ["entityTypeId"] = 2,
            ["isDefault"] = "Y",
        });
        return new MethodResult(new JsonObject { ["categories"] = categories }, 1);
    }

    private static MethodResult CommentAdd(MethodCall call)
    {
        var fields = call.Param("fields") as JsonObject ?? throw RestError.Argument400("fields", "Required parameter \"fields\" is missing");
        var entityId = Json.Int(fields["ENTITY_ID"]);
        var entityType = Json.Text(fields["ENTITY_TYPE"])?.ToLowerInvariant();
        var comment = Json.Text(fields["COMMENT"]);
        if (entityId is null || entityType is null)
        {
            throw RestError.Argument400("ENTITY_ID", "Не заполнены обязательные поля ENTITY_ID и ENTITY_TYPE");
        }
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw RestError.Argument400("COMMENT", "Не заполнено поле COMMENT");
        }
        var type = CrmEntityType.ByName(entityType);
        if (type is null || call.Portal.Crm.Find(type, entityId.Value) is null)
        {
            throw RestError.NotFound("Entity not found");
        }
        var crm = call.Portal.Crm;
        var id = crm.NextCommentId++;
        crm.TimelineComments[id] = new JsonObject
        {
            ["ID"] = CrmStore.Str(id),
            ["ENTITY_ID"] = CrmStore.Str(entityId.Value),
            ["ENTITY_TYPE"] = entityType,
            ["COMMENT"] = comment,
            ["AUTHOR_ID"] = CrmStore.Str(call.Caller.UserId),
            ["CREATED"] = crm.Now(call.Now),
        };
        return JsonValue.Create(id);
    }
}
