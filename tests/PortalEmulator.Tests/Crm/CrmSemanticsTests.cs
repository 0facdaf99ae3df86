using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Crm;

public sealed class CrmSemanticsTests
{
    [Fact]
    public async Task Multi_field_update_changes_deletes_adds_and_keeps_unmentioned()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var id = (await f.CallAsync("crm.contact.add", new JsonObject
        {
            ["fields"] = new JsonObject
            {
                ["NAME"] = "Ольга",
                ["PHONE"] = new JsonArray(
                    new JsonObject { ["VALUE"] = "+7 900 000-00-01", ["VALUE_TYPE"] = "WORK" },
                    new JsonObject { ["VALUE"] = "+7 900 000-00-02", ["VALUE_TYPE"] = "MOBILE" },
                    new JsonObject { ["VALUE"] = "+7 900 000-00-03", ["VALUE_TYPE"] = "HOME" },
                    new JsonObject { ["VALUE"] = "+7 900 000-00-04", ["VALUE_TYPE"] = "OTHER" },
                    new JsonObject { ["VALUE"] = "+7 900 000-00-05", ["VALUE_TYPE"] = "FAX" }),
            },
        })).Result!.GetValue<int>();
        var phones = (await f.CallAsync("crm.contact.get", new JsonObject { ["id"] = id })).Result!["PHONE"]!.AsArray();
        string Pid(int i) => phones[i]!["ID"]!.GetValue<string>();

        var update = await f.CallAsync("crm.contact.update", new JsonObject
        {
            ["id"] = id,
            ["fields"] = new JsonObject
            {
                ["PHONE"] = new JsonArray(
                    new JsonObject { ["ID"] = Pid(0), ["VALUE"] = "+7 900 111-11-11", ["VALUE_TYPE"] = "MOBILE" },
                    new JsonObject { ["ID"] = Pid(1), ["DELETE"] = "Y" },
                    new JsonObject { ["ID"] = Pid(2), ["VALUE"] = "" },
                    new JsonObject { ["ID"] = Pid(3) },
                    new JsonObject { ["VALUE"] = "+7 900 222-22-22" }),
            },
        });
        var after = (await f.CallAsync("crm.contact.get", new JsonObject { ["id"] = id })).Result!["PHONE"]!.AsArray();

        update.Result!.GetValue<bool>().Should().BeTrue();
        after.Select(p => p!["VALUE"]!.GetValue<string>()).Should().Equal("+7 900 111-11-11", "+7 900 000-00-05", "+7 900 222-22-22");
        after[0]!["VALUE_TYPE"]!.GetValue<string>().Should().Be("MOBILE");
        after[0]!["ID"]!.GetValue<string>().Should().Be(Pid(0));
        after[0]!["TYPE_ID"]!.GetValue<string>().Should().Be("PHONE");
    }

    [Fact]
    public async Task Company_without_title_is_error_core_and_missing_record_is_not_found()
    {
        await using var f = await EmulatorFixture.StartAsync();

        var add = await f.CallAsync("crm.company.add", new JsonObject { ["fields"] = new JsonObject { ["COMMENTS"] = "x" } });
        var get = await f.CallAsync("crm.company.get", new JsonObject { ["id"] = 42 });
        var badId = await f.CallAsync("crm.company.get", new JsonObject { ["id"] = "abc" });

        add.Status.Should().Be(HttpStatusCode.BadRequest);
        add.Error.Should().Be("ERROR_CORE");
        get.Error.Should().Be("NOT_FOUND");
        badId.Error.Should().Be("ERROR_CORE");
    }

    [Fact]
    public async Task Crm_item_shares_the_store_with_camel_case_types_and_fm()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await f.CallAsync("crm.company.userfield.add", new JsonObject { ["fields"] = new JsonObject { ["FIELD_NAME"] = "1747309879", ["USER_TYPE_ID"] = "string" } });
        await f.CallAsync("crm.company.userfield.add", new JsonObject { ["fields"] = new JsonObject { ["FIELD_NAME"] = "INN", ["USER_TYPE_ID"] = "string" } });

        var added = await f.CallAsync("crm.item.add", new JsonObject
        {
            ["entityTypeId"] = 4,
            ["fields"] = new JsonObject
            {
                ["title"] = "Винный дом",
                ["ufCrm_1747309879"] = "DE-BY",
                ["ufCrmInn"] = "7701234567",
                ["fm"] = new JsonArray(new JsonObject { ["typeId"] = "EMAIL", ["valueType"] = "WORK", ["value"] = "shop@vino.ru" }),
            },
        });
        var item = added.Result!["item"]!;
        var id = item["id"]!.GetValue<long>();
        var legacy = await f.CallAsync("crm.company.get", new JsonObject { ["id"] = id });
        var emailId = item["fm"]![0]!["id"]!.GetValue<int>();
        await f.CallAsync("crm.item.update", new JsonObject
        {
            ["entityTypeId"] = 4, ["id"] = id,
            ["fields"] = new JsonObject { ["fm"] = new JsonObject { [emailId.ToString()] = new JsonObject { ["value"] = "" }, ["n0"] = new JsonObject { ["typeId"] = "PHONE", ["value"] = "89001112233" } } },
        });
        var listed = await f.CallAsync("crm.item.list", new JsonObject { ["entityTypeId"] = 4, ["select"] = new JsonArray("*"), ["filter"] = new JsonObject { ["=ufCrmInn"] = "7701234567" } });

        item["assignedById"]!.GetValue<long>().Should().Be(1);
        item["ufCrm_1747309879"]!.GetValue<string>().Should().Be("DE-BY");
        legacy.Result!["TITLE"]!.GetValue<string>().Should().Be("Винный дом");
        legacy.Result!["UF_CRM_INN"]!.GetValue<string>().Should().Be("7701234567");
        legacy.Result!["EMAIL"]![0]!["VALUE"]!.GetValue<string>().Should().Be("shop@vino.ru");
        var row = listed.Result!["items"]!.AsArray().Single()!;
        row["fm"]!.AsArray().Select(x => x!["typeId"]!.GetValue<string>()).Should().Equal("PHONE");
        listed.Body!["total"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Crm_item_get_of_missing_is_400_not_found()
    {
        await using var f = await EmulatorFixture.StartAsync();

        var answer = await f.CallAsync("crm.item.get", new JsonObject { ["entityTypeId"] = 2, ["id"] = 5 });

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Error.Should().Be("NOT_FOUND");
    }

    [Fact]
    public async Task User_field_names_get_the_prefix_and_bad_names_are_error_core()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var manager = f.Portal.AddUser("Менеджер");
        var managerToken = f.Portal.IssueTokens(manager.Id).AccessToken;

        var ok = await f.CallAsync("crm.deal.userfield.add", new JsonObject { ["fields"] = new JsonObject { ["FIELD_NAME"] = "WINE_REGION", ["USER_TYPE_ID"] = "enumeration", ["LIST"] = new JsonArray(new JsonObject { ["VALUE"] = "Кубань" }) } });
        var lower = await f.CallAsync("crm.deal.userfield.add", new JsonObject { ["fields"] = new JsonObject { ["FIELD_NAME"] = "bad-name", ["USER_TYPE_ID"] = "string" } });
        var tooLong = await f.CallAsync("crm.deal.userfield.add", new JsonObject { ["fields"] = new JsonObject { ["FIELD_NAME"] = new string('A', 44), ["USER_TYPE_ID"] = "string" } });
        var duplicate = await f.CallAsync("crm.deal.userfield.add", new JsonObject { ["fields"] = new JsonObject { ["FIELD_NAME"] = "UF_CRM_WINE_REGION", ["USER_TYPE_ID"] = "string" } });
        var notAdmin = await f.CallAsync("crm.deal.userfield.add", new JsonObject { ["fields"] = new JsonObject { ["FIELD_NAME"] = "X", ["USER_TYPE_ID"] = "string" } }, managerToken);
        var listed = await f.CallAsync("crm.deal.userfield.list", new JsonObject { ["filter"] = new JsonObject { ["FIELD_NAME"] = "UF_CRM_WINE_REGION" } });

        ok.Status.Should().Be(HttpStatusCode.OK);
        lower.Error.Should().Be("ERROR_CORE");
        tooLong.Error.Should().Be("ERROR_CORE");
        duplicate.Error.Should().Be("ERROR_CORE");
        notAdmin.Status.Should().Be(HttpStatusCode.Forbidden);
        notAdmin.Error.Should().Be("ACCESS_DENIED");
        listed.Result!.AsArray().Single()!["LIST"]![0]!["VALUE"]!.GetValue<string>().Should().Be("Кубань");
    }

    [Fact]
    public async Task Duplicate_search_normalises_russian_phones_and_orders_types()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await f.CallAsync("crm.lead.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "Лид", ["PHONE"] = new JsonArray(new JsonObject { ["VALUE"] = "8 (900) 123-45-67" }) } });
        await f.CallAsync("crm.contact.add", new JsonObject { ["fields"] = new JsonObject { ["NAME"] = "К", ["PHONE"] = new JsonArray(new JsonObject { ["VALUE"] = "+79001234567" }), ["EMAIL"] = new JsonArray(new JsonObject { ["VALUE"] = "Sales@Vino.ru" }) } });

        var phone = await f.CallAsync("crm.duplicate.findbycomm", new JsonObject { ["type"] = "PHONE", ["values"] = new JsonArray("9001234567") });
        var email = await f.CallAsync("crm.duplicate.findbycomm", new JsonObject { ["type"] = "EMAIL", ["values"] = new JsonArray("sales@vino.ru"), ["entity_type"] = "CONTACT" });
        var none = await f.CallAsync("crm.duplicate.findbycomm", new JsonObject { ["type"] = "EMAIL", ["values"] = new JsonArray("x@y.ru") });
        var tooMany = await f.CallAsync("crm.duplicate.findbycomm", new JsonObject { ["type"] = "EMAIL", ["values"] = new JsonArray(Enumerable.Range(0, 21).Select(i => (JsonNode)$"a{i}@b.ru").ToArray()) });

        phone.Result!.AsObject().Select(kv => kv.Key).Should().Equal("LEAD", "CONTACT");
        phone.Result!["LEAD"]![0]!.GetValue<int>().Should().Be(1);
        email.Result!["CONTACT"]![0]!.GetValue<int>().Should().Be(1);
        none.Result!.Should().BeOfType<JsonArray>();
        tooMany.Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Twenty_lead_hits_suppress_contacts_and_companies()
    {
        await using var f = await EmulatorFixture.StartAsync(new() { Burst = 1000 });
        for (var i = 0; i < 20; i++)
        {
            await f.CallAsync("crm.lead.add", new JsonObject { ["fields"] = new JsonObject { ["EMAIL"] = new JsonArray(new JsonObject { ["VALUE"] = "same@vino.ru" }) } });
        }
        await f.CallAsync("crm.contact.add", new JsonObject { ["fields"] = new JsonObject { ["NAME"] = "K", ["EMAIL"] = new JsonArray(new JsonObject { ["VALUE"] = "same@vino.ru" }) } });

        var answer = await f.CallAsync("crm.duplicate.findbycomm", new JsonObject { ["type"] = "EMAIL", ["values"] = new JsonArray("same@vino.ru") });

        answer.Result!.AsObject().Select(kv => kv.Key).Should().Equal("LEAD");
        answer.Result!["LEAD"]!.AsArray().Should().HaveCount(20);
    }

    [Fact]
    public async Task Product_rows_set_replaces_all_and_recalculates_the_deal_sum()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var deal = (await f.CallAsync("crm.deal.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "Заказ" } })).Result!.GetValue<int>();

        await f.CallAsync("crm.deal.productrows.set", new JsonObject { ["id"] = deal, ["rows"] = new JsonArray(
            new JsonObject { ["PRODUCT_NAME"] = "Каберне", ["PRICE"] = 1000, ["QUANTITY"] = 2 },
            new JsonObject { ["PRODUCT_NAME"] = "Рислинг", ["PRICE"] = 500, ["QUANTITY"] = 1 }) });
        var set = await f.CallAsync("crm.item.productrow.set", new JsonObject { ["ownerType"] = "D", ["ownerId"] = deal, ["productRows"] = new JsonArray(
            new JsonObject { ["productName"] = "Мерло", ["price"] = 700.5, ["quantity"] = 3 }) });
        var rows = await f.CallAsync("crm.deal.productrows.get", new JsonObject { ["id"] = deal });
        var list = await f.CallAsync("crm.item.productrow.list", new JsonObject { ["filter"] = new JsonObject { ["=ownerType"] = "D", ["=ownerId"] = deal } });
        var dealAfter = await f.CallAsync("crm.deal.get", new JsonObject { ["id"] = deal });

        set.Result!["productRows"]![0]!["price"]!.GetValue<double>().Should().Be(700.5);
        rows.Result!.AsArray().Select(r => r!["PRODUCT_NAME"]!.GetValue<string>()).Should().Equal("Мерло");
        list.Result!["productRows"]!.AsArray().Should().HaveCount(1);
        dealAfter.Result!["OPPORTUNITY"]!.GetValue<string>().Should().Be("2101.50");
    }

    [Fact]
    public async Task Requisites_bank_details_and_addresses()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var company = (await f.CallAsync("crm.company.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "ООО Лоза" } })).Result!.GetValue<int>();

        var noPreset = await f.CallAsync("crm.requisite.add", new JsonObject { ["fields"] = new JsonObject { ["ENTITY_TYPE_ID"] = 4, ["ENTITY_ID"] = company, ["PRESET_ID"] = 99, ["NAME"] = "Р" } });
        var rq = (await f.CallAsync("crm.requisite.add", new JsonObject { ["fields"] = new JsonObject { ["ENTITY_TYPE_ID"] = 4, ["ENTITY_ID"] = company, ["PRESET_ID"] = 1, ["NAME"] = "ООО Лоза", ["RQ_INN"] = "7701234567", ["RQ_KPP"] = "770101001" } })).Result!.GetValue<int>();
        var bank = await f.CallAsync("crm.requisite.bankdetail.add", new JsonObject { ["fields"] = new JsonObject { ["ENTITY_ID"] = rq, ["NAME"] = "Основной", ["RQ_BIK"] = "044525225" } });
        var address = await f.CallAsync("crm.address.add", new JsonObject { ["fields"] = new JsonObject { ["TYPE_ID"] = 6, ["ENTITY_TYPE_ID"] = 8, ["ENTITY_ID"] = rq, ["CITY"] = "Москва" } });
        var again = await f.CallAsync("crm.address.add", new JsonObject { ["fields"] = new JsonObject { ["TYPE_ID"] = 6, ["ENTITY_TYPE_ID"] = 8, ["ENTITY_ID"] = rq } });
        var byInn = await f.CallAsync("crm.requisite.list", new JsonObject { ["filter"] = new JsonObject { ["RQ_INN"] = "7701234567" }, ["select"] = new JsonArray("ID", "ENTITY_ID") });
        var addresses = await f.CallAsync("crm.address.list", new JsonObject { ["filter"] = new JsonObject { ["ENTITY_ID"] = rq } });

        noPreset.Error.Should().Be("ERROR_CORE");
        bank.Result!.GetValue<int>().Should().Be(1);
        address.Result!.GetValue<bool>().Should().BeTrue();
        again.Error.Should().Be("");
        byInn.Result![0]!["ENTITY_ID"]!.GetValue<string>().Should().Be(company.ToString());
        addresses.Result![0]!["ANCHOR_ID"]!.GetValue<string>().Should().Be(company.ToString());
    }

    [Fact]
    public async Task Addresses_are_keyed_by_type_and_requisite_and_updated_or_deleted_strictly()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var company = (await f.CallAsync("crm.company.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "ООО Лоза" } })).Result!.GetValue<int>();
        var rq = (await f.CallAsync("crm.requisite.add", new JsonObject { ["fields"] = new JsonObject { ["ENTITY_TYPE_ID"] = 4, ["ENTITY_ID"] = company, ["PRESET_ID"] = 1, ["NAME"] = "ООО Лоза" } })).Result!.GetValue<int>();
        JsonObject Key(int type = 6, int entityType = 8, int? entity = null) =>
            new() { ["TYPE_ID"] = type, ["ENTITY_TYPE_ID"] = entityType, ["ENTITY_ID"] = entity ?? rq };

        var missing = await f.CallAsync("crm.address.update", new JsonObject { ["fields"] = Key() });
        var onCompany = await f.CallAsync("crm.address.add", new JsonObject { ["fields"] = Key(entityType: 4, entity: company) });
        var badType = await f.CallAsync("crm.address.add", new JsonObject { ["fields"] = Key(type: 5) });
        var noRequisite = await f.CallAsync("crm.address.add", new JsonObject { ["fields"] = Key(entity: 999) });
        var add = Key();
        add["ADDRESS_1"] = "ул. Тверская, д. 1";
        add["CITY"] = "Москва";
        (await f.CallAsync("crm.address.add", new JsonObject { ["fields"] = add })).Result!.GetValue<bool>().Should().BeTrue();
        var update = Key();
        update["POSTAL_CODE"] = "125009";
        var updated = await f.CallAsync("crm.address.update", new JsonObject { ["fields"] = update });
        var list = await f.CallAsync("crm.address.list", new JsonObject { ["filter"] = new JsonObject { ["TYPE_ID"] = 6, ["ENTITY_TYPE_ID"] = 8, ["ENTITY_ID"] = rq } });

        missing.Error.Should().Be("");
        missing.Status.Should().Be(System.Net.HttpStatusCode.BadRequest);
        missing.Body!["error_description"]!.GetValue<string>().Should().Be("TypeAddress not found.");
        onCompany.Body!["error_description"]!.GetValue<string>().Should().Be("ENTITY_TYPE_ID is not defined or invalid.");
        badType.Body!["error_description"]!.GetValue<string>().Should().Be("TYPE_ID is not defined or invalid.");
        noRequisite.Body!["error_description"]!.GetValue<string>().Should().Be("ENTITY_ID is not defined or invalid.");
        updated.Result!.GetValue<bool>().Should().BeTrue();
        var row = list.Result![0]!.AsObject();
        row["ADDRESS_1"]!.GetValue<string>().Should().Be("ул. Тверская, д. 1", "fields not sent stay");
        row["POSTAL_CODE"]!.GetValue<string>().Should().Be("125009");
        row["ANCHOR_ID"]!.GetValue<string>().Should().Be(company.ToString());

        (await f.CallAsync("crm.address.delete", new JsonObject { ["fields"] = Key() })).Result!.GetValue<bool>().Should().BeTrue();
        (await f.CallAsync("crm.address.delete", new JsonObject { ["fields"] = Key() })).Body!["error_description"]!.GetValue<string>().Should().Be("TypeAddress not found.");
        (await f.CallAsync("crm.address.list", new JsonObject { ["filter"] = new JsonObject { ["ENTITY_ID"] = rq } })).Result!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Deal_contact_id_and_contact_ids_stay_in_step()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var deal = (await f.CallAsync("crm.deal.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "D", ["CONTACT_IDS"] = new JsonArray(7, 9) } })).Result!.GetValue<int>();

        var afterAdd = (await f.CallAsync("crm.deal.get", new JsonObject { ["id"] = deal })).Result!;
        await f.CallAsync("crm.deal.update", new JsonObject { ["id"] = deal, ["fields"] = new JsonObject { ["CONTACT_ID"] = 11 } });
        var items = await f.CallAsync("crm.deal.contact.items.get", new JsonObject { ["id"] = deal });
        var item = await f.CallAsync("crm.item.get", new JsonObject { ["entityTypeId"] = 2, ["id"] = deal });

        afterAdd["CONTACT_ID"]!.GetValue<string>().Should().Be("7");
        items.Result!.AsArray().Select(i => i!["CONTACT_ID"]!.GetValue<int>()).Should().Equal(11);
        item.Result!["item"]!["contactIds"]!.AsArray().Select(n => n!.GetValue<long>()).Should().Equal(11);
    }
}
