using System.Text;
using FluentAssertions;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Tests.CommerceML.Parsing;

/// <summary>Hand-written documents with each schema generation's structure.</summary>
public class SchemaVersionTests
{
    [Fact]
    public void V2_03_order_with_unpadded_time_empty_dates_counterparty_lines_and_requisites()
    {
        var records = Fixture.ReadText("""
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация ВерсияСхемы="2.03" ДатаФормирования="2021-02-18T9:49:02">
              <Документ>
                <Ид>17</Ид><Номер>17</Номер><Дата>2021-02-18</Дата><Время>9:49:02</Время>
                <ХозОперация>Заказ товара</ХозОперация><Роль>Продавец</Роль><Валюта>руб</Валюта><Курс>1</Курс><Сумма>18.2</Сумма>
                <Контрагенты>
                  <Контрагент>
                    <Ид>5#ООО «Вино и Ко»</Ид><Наименование>ООО «Вино и Ко»</Наименование>
                    <ОфициальноеНаименование>Общество с ограниченной ответственностью «Вино и Ко»</ОфициальноеНаименование>
                    <ЮридическийАдрес><Представление>Москва, Тверская, 1</Представление></ЮридическийАдрес>
                    <ИНН>7707083893 </ИНН><КПП>770701001</КПП><Роль>Покупатель</Роль>
                    <Контакты><Контакт><Тип>Почта</Тип><Значение>zakaz@vino.ru</Значение></Контакт></Контакты>
                  </Контрагент>
                </Контрагенты>
                <Товары>
                  <Товар>
                    <Ид>a1b2#c3d4</Ид><Наименование>Шабли 2020</Наименование><БазоваяЕдиница Код="796">шт</БазоваяЕдиница>
                    <ЦенаЗаЕдиницу>9,10</ЦенаЗаЕдиницу><Количество>2</Количество><Сумма>18.2</Сумма>
                    <ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>ТипНоменклатуры</Наименование><Значение>Товар</Значение></ЗначениеРеквизита></ЗначенияРеквизитов>
                  </Товар>
                  <Товар><Ид>ORDER_DELIVERY</Ид><Наименование>Доставка заказа</Наименование><ЦенаЗаЕдиницу>0</ЦенаЗаЕдиницу><Количество>1</Количество><Сумма>0</Сумма>
                    <ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>ТипНоменклатуры</Наименование><Значение>Услуга</Значение></ЗначениеРеквизита></ЗначенияРеквизитов>
                  </Товар>
                </Товары>
                <ЗначенияРеквизитов>
                  <ЗначениеРеквизита><Наименование>Заказ оплачен</Наименование><Значение>True</Значение></ЗначениеРеквизита>
                  <ЗначениеРеквизита><Наименование>Дата оплаты</Наименование><Значение>T</Значение></ЗначениеРеквизита>
                  <ЗначениеРеквизита><Наименование>Статус заказа</Наименование><Значение>[N] Принят</Значение></ЗначениеРеквизита>
                  <ЗначениеРеквизита><Наименование>Отменен</Наименование><Значение>false</Значение></ЗначениеРеквизита>
                </ЗначенияРеквизитов>
              </Документ>
            </КоммерческаяИнформация>
            """);

        records.OfType<DocumentInfo>().Single().GeneratedAt.Should().Be(new DateTime(2021, 2, 18, 9, 49, 2));
        var order = records.OfType<OrderDocument>().Single();
        order.Number.Should().Be("17");
        order.Date.Should().Be(new DateTime(2021, 2, 18, 9, 49, 2));
        order.Sum.Should().Be(18.2m);
        order.BusinessOperation.Should().Be("Заказ товара");
        var buyer = order.Counterparties.Single();
        buyer.Inn.Should().Be("7707083893", "trailing spaces of fixed-length 1C fields are trimmed");
        buyer.Kpp.Should().Be("770701001");
        buyer.Role.Should().Be("Покупатель");
        buyer.LegalAddress.Should().Be("Москва, Тверская, 1");
        buyer.Contacts.Should().ContainSingle().Which.Should().Be(new Contact("Почта", "zakaz@vino.ru"));
        order.Lines.Should().HaveCount(2);
        order.Lines[0].PricePerUnit.Should().Be(9.10m);
        order.Lines[0].Id!.Value.ProductId.Should().Be("a1b2");
        order.Lines[0].Id!.Value.CharacteristicId.Should().Be("c3d4");
        order.Lines[1].Requisite("ТипНоменклатуры").Should().Be("Услуга");
        order.State.Paid.Should().BeTrue();
        order.State.PaymentDate.Should().BeNull("'T' is 1C's empty date");
        order.State.Status.Should().Be("[N] Принят");
        order.State.Cancelled.Should().BeFalse();
    }

    [Fact]
    public void V2_08_order_from_1C_reports_payment_and_shipment_from_the_fixture()
    {
        var order = Fixture.Read("orders-2.08/orders.xml").OfType<OrderDocument>().Single();

        order.Number.Should().Be("13838");
        order.Date!.Value.Date.Should().Be(new DateTime(2021, 2, 17));
        order.Sum.Should().Be(1515m);
        order.Lines.Should().HaveCount(2);
        order.Counterparties.Single().Name.Should().Be("Александр");
        order.Requisites.Should().HaveCount(18, "grep -c '<ЗначениеРеквизита>' counts 18 order requisites + 4 line requisites");
    }

    [Fact]
    public void V3_1_documents_in_containers_carry_1C_numbers_and_deletion_marks()
    {
        var docs = Fixture.Read("bitrix-3.1/documents/1.xml").OfType<OrderDocument>().ToList();

        docs.Should().HaveCount(20);
        docs.Should().OnlyContain(d => d.Number1C != null && d.Number1C == d.Number1C.Trim() && d.Counterparties.Count == 1);
        docs.Should().Contain(d => d.Number1C == "K482", "<Номер1С>K482       </Номер1С> is space-padded");
        docs.Count(d => d.Counterparties[0].Inn != null).Should().Be(5, "15 of the 20 counterparties have an empty <ИНН/>");
        docs.Should().OnlyContain(d => d.Lines.Count == 1 && d.Lines[0].PricePerUnit != null);
    }

    [Fact]
    public void V2_04_offers_with_plain_quantity_and_several_price_types()
    {
        var offers = Fixture.Read("off-doc-1c/offers.xml").OfType<Offer>().ToList();

        offers.Should().HaveCount(2);
        offers.Should().OnlyContain(o => o.HasStock && o.TotalQuantity != null && o.Stocks.Count == 0 && o.Prices.Count == 4);
    }

    [Fact]
    public void V2_05_offers_with_quantity_characteristics_and_base_unit_attributes()
    {
        var offers = Fixture.Read("ready-script/offers.xml").OfType<Offer>().ToList();

        offers.Select(o => o.TotalQuantity).Should().Equal(0m, 9m);
        offers[0].Id.IsVariant.Should().BeFalse();
        offers[1].Id.CharacteristicId.Should().Be("fd3fdddb-9964-11e3-9e81-00241d337dcd");
        offers[1].Characteristics.Should().Equal(new NamedValue("Размер", "39"), new NamedValue("Цвет", "Красный"));
        offers[1].BaseUnit.Should().Be(new BaseUnit("796", "PCE", "Штука", "шт"));
        offers[1].Prices.Single().PricePerUnit.Should().Be(12356m);
    }

    [Fact]
    public void V2_05_deleted_status_is_recognised_case_insensitively()
    {
        var offers = Fixture.Read("real-1c-ut101/offers.xml").OfType<Offer>().ToList();

        offers.Count(o => o.IsDeleted).Should().Be(6, "grep -c '<Статус>Удален' = 6");
        offers.Where(o => o.Prices.Count > 0).Should().OnlyContain(o => o.Prices[0].PriceTypeId == "Отпускная цена");
    }

    [Fact]
    public void V2_07_namespace_is_ignored_and_warehouse_attributes_are_read_next_to_total_quantity()
    {
        var records = Fixture.ReadText("""
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" xmlns:xs="http://www.w3.org/2001/XMLSchema" ВерсияСхемы="2.07" ДатаФормирования="2024-03-01T10:00:00">
              <ПакетПредложений СодержитТолькоИзменения="false">
                <Ид>cls#</Ид><Наименование>Пакет предложений</Наименование>
                <ТипыЦен><ТипЦены><Ид>horeca</Ид><Наименование>HoReCa</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен>
                <Склады>
                  <Склад><Ид>msk</Ид><Наименование>Москва</Наименование></Склад>
                  <Склад><Ид>spb</Ид><Наименование>Санкт-Петербург</Наименование></Склад>
                </Склады>
                <Предложения>
                  <Предложение>
                    <Ид>8d2f0a6e-1111-11ee-8000-000000000001#8d2f0a6e-2222-11ee-8000-000000000002</Ид>
                    <Наименование>Бароло DOCG 2018, 0,75 л</Наименование>
                    <Цены><Цена><Представление>4 500,00 руб. за шт</Представление><ИдТипаЦены>horeca</ИдТипаЦены><ЦенаЗаЕдиницу>4500.00</ЦенаЗаЕдиницу><Валюта>руб</Валюта><Единица>шт</Единица><Коэффициент>1</Коэффициент></Цена></Цены>
                    <Количество>18</Количество>
                    <Склад ИдСклада="msk" КоличествоНаСкладе="12"/>
                    <Склад ИдСклада="spb" КоличествоНаСкладе="6,000"/>
                  </Предложение>
                </Предложения>
              </ПакетПредложений>
            </КоммерческаяИнформация>
            """);

        records.OfType<OffersPackageStarted>().Single().OnlyChanges.Should().BeFalse();
        records.OfType<Warehouse>().Select(w => w.Name).Should().Equal("Москва", "Санкт-Петербург");
        var offer = records.OfType<Offer>().Single();
        offer.Id.ProductId.Should().Be("8d2f0a6e-1111-11ee-8000-000000000001");
        offer.Id.CharacteristicId.Should().Be("8d2f0a6e-2222-11ee-8000-000000000002");
        offer.TotalQuantity.Should().Be(18);
        offer.Stocks.Should().Equal(new WarehouseStock("msk", 12), new WarehouseStock("spb", 6));
        offer.Prices.Single().Should().Be(new OfferPrice("horeca", 4500m, "руб", "шт", 1m), "ЦенаЗаЕдиницу is used, never Представление");
    }

    [Fact]
    public void V2_08_classifier_with_categories_units_and_wine_properties_as_reference_values()
    {
        var records = Fixture.ReadText("""
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_210" ВерсияСхемы="2.08">
              <Классификатор>
                <Ид>cls</Ид><Наименование>Классификатор (Вина)</Наименование>
                <Группы><Группа><Ид>g-wine</Ид><Наименование>Вино</Наименование>
                  <Группы><Группа><Ид>g-red</Ид><Наименование>Красное</Наименование></Группа></Группы></Группа></Группы>
                <Свойства>
                  <Свойство><Ид>p-colour</Ид><Наименование>Цвет</Наименование><ТипЗначений>Справочник</ТипЗначений>
                    <ВариантыЗначений>
                      <Справочник><ИдЗначения>v-red</ИдЗначения><Значение>Красное</Значение></Справочник>
                      <Справочник><ИдЗначения>v-white</ИдЗначения><Значение>Белое</Значение></Справочник>
                    </ВариантыЗначений><ДляТоваров>true</ДляТоваров></Свойство>
                  <Свойство><Ид>p-vintage</Ид><Наименование>Год урожая</Наименование><ТипЗначений>Число</ТипЗначений></Свойство>
                  <Свойство><Ид>p-strength</Ид><Наименование>Крепость, %</Наименование><ТипЗначений>Число</ТипЗначений></Свойство>
                </Свойства>
                <Категории><Категория><Ид>cat-wine</Ид><Наименование>Вина</Наименование><Свойства><Ид>p-colour</Ид></Свойства></Категория></Категории>
                <ЕдиницыИзмерения><ЕдиницаИзмерения><Ид>796</Ид><Код>796</Код><НаименованиеПолное>Штука</НаименованиеПолное><МеждународноеСокращение>PCE</МеждународноеСокращение></ЕдиницаИзмерения></ЕдиницыИзмерения>
              </Классификатор>
              <Каталог СодержитТолькоИзменения="true">
                <Ид>cat</Ид><ИдКлассификатора>cls</ИдКлассификатора><Наименование>Каталог</Наименование>
                <Товары>
                  <Товар Статус="Изменен">
                    <Ид>w-1</Ид><Артикул>SAP-0001 </Артикул><Наименование>Саперави 2019</Наименование>
                    <БазоваяЕдиница Код="796 " МеждународноеСокращение="PCE">шт</БазоваяЕдиница>
                    <Группы><Ид>g-red</Ид></Группы><Категория>cat-wine</Категория>
                    <ЗначенияСвойств>
                      <ЗначенияСвойства><Ид>p-colour</Ид><Значение>v-red</Значение></ЗначенияСвойства>
                      <ЗначенияСвойства><Ид>p-vintage</Ид><Значение>2019</Значение></ЗначенияСвойства>
                      <ЗначенияСвойства><Ид>p-strength</Ид><Значение>13,5</Значение></ЗначенияСвойства>
                    </ЗначенияСвойств>
                    <СтавкиНалогов><СтавкаНалога><Наименование>НДС</Наименование><Ставка>20</Ставка></СтавкаНалога></СтавкиНалогов>
                    <ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>Полное наименование</Наименование><Значение>Вино Саперави сухое красное 2019, 0,75 л</Значение></ЗначениеРеквизита></ЗначенияРеквизитов>
                  </Товар>
                  <Товар Статус="удален"><Ид>w-2</Ид><Наименование>Снято с продажи</Наименование></Товар>
                </Товары>
              </Каталог>
            </КоммерческаяИнформация>
            """);

        records.OfType<ProductGroup>().Should().Equal(
            new ProductGroup(new OneCId("g-wine"), "Вино", null, false),
            new ProductGroup(new OneCId("g-red"), "Красное", new OneCId("g-wine"), false));
        records.OfType<ProductCategory>().Single().Name.Should().Be("Вина");
        records.OfType<MeasureUnit>().Single().InternationalAbbreviation.Should().Be("PCE");
        records.OfType<CatalogStarted>().Single().OnlyChanges.Should().BeTrue();
        var colour = records.OfType<PropertyDefinition>().First();
        var products = records.OfType<Product>().ToList();
        var wine = products[0];
        wine.Article.Should().Be("SAP-0001");
        wine.BaseUnit.Should().Be(new BaseUnit("796", "PCE", null, "шт"));
        wine.GroupIds.Should().Equal("g-red");
        wine.CategoryId.Should().Be("cat-wine");
        colour.ResolveOption(wine.Properties.Single(p => p.PropertyId == "p-colour").Values.Single()).Should().Be("Красное");
        wine.Properties.Single(p => p.PropertyId == "p-strength").Values.Should().Equal("13,5");
        wine.TaxRates.Single().Should().Be(new TaxRate("НДС", "20"));
        wine.Requisite("полное наименование").Should().StartWith("Вино Саперави");
        wine.IsDeleted.Should().BeFalse();
        products[1].IsDeleted.Should().BeTrue();
    }

    [Fact]
    public void V2_09_offer_changes_package_reads_Sklady_attributes_and_separate_characteristic_id()
    {
        var records = Fixture.ReadText("""
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация ВерсияСхемы="2.09">
              <ИзмененияПакетаПредложений>
                <Ид>cls#</Ид>
                <Предложения>
                  <Предложение>
                    <Ид>prod-1</Ид><ИдХарактеристики>char-9</ИдХарактеристики>
                    <Склады ИдСклада="msk" КоличествоНаСкладе="3"/>
                    <Склады ИдСклада="spb" КоличествоНаСкладе="0"/>
                    <Цены><Цена><ИдТипаЦены>retail</ИдТипаЦены><ЦенаЗаЕдиницу>990.00</ЦенаЗаЕдиницу></Цена></Цены>
                    <Количество>3</Количество>
                  </Предложение>
                </Предложения>
              </ИзмененияПакетаПредложений>
            </КоммерческаяИнформация>
            """);

        records.OfType<OffersPackageStarted>().Single().Should().Be(new OffersPackageStarted(true, true));
        var offer = records.OfType<Offer>().Single();
        offer.Id.Value.Should().Be("prod-1#char-9");
        offer.Stocks.Should().Equal(new WarehouseStock("msk", 3), new WarehouseStock("spb", 0));
        offer.TotalQuantity.Should().Be(3);
        offer.Prices.Single().PricePerUnit.Should().Be(990m);
    }

    [Fact]
    public void V3_1_split_files_keep_prices_and_rests_apart()
    {
        var prices = Fixture.Read("bitrix-3.1/goods/prices.xml").OfType<Offer>().ToList();
        var rests = Fixture.Read("bitrix-3.1/goods/rests.xml").OfType<Offer>().ToList();
        var offers = Fixture.Read("bitrix-3.1/goods/offers.xml").OfType<Offer>().ToList();

        prices.Should().OnlyContain(o => o.HasPrices && !o.HasStock);
        rests.Should().OnlyContain(o => o.HasStock && !o.HasPrices && o.Stocks.Count == 12);
        offers.Should().OnlyContain(o => !o.HasStock && !o.HasPrices && o.Properties.Count > 0);
        prices.Select(o => o.Id).Should().BeEquivalentTo(rests.Select(o => o.Id));
        prices.First().Prices.Single().Should().Be(new OfferPrice("aef2c177-1862-11de-9d9d-001a4d4b12d9", 2042.66m, "руб", null, null));
    }

    [Fact]
    public void V3_1_rests_with_bare_quantity_per_rest()
    {
        var offer = Fixture.ReadText("""
            <КоммерческаяИнформация ВерсияСхемы="3.1"><ПакетПредложений><Предложения>
              <Предложение><Ид>p1</Ид><Остатки><Остаток><Количество>7</Количество></Остаток></Остатки></Предложение>
              <Предложение><Ид>p2</Ид><Остатки><Остаток>4</Остаток></Остатки></Предложение>
            </Предложения></ПакетПредложений></КоммерческаяИнформация>
            """).OfType<Offer>().ToList();

        offer.Select(o => o.TotalQuantity).Should().Equal(7m, 4m);
        offer.Should().OnlyContain(o => o.HasStock && o.Stocks.Count == 0);
    }

    [Fact]
    public void V3_1_standalone_counterparties_are_read()
    {
        var records = Fixture.ReadText("""
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_3" ВерсияСхемы="3.1">
              <Контрагенты>
                <Контрагент><Ид>c-1</Ид><НомерВерсии>AAA=</НомерВерсии><ПометкаУдаления>false</ПометкаУдаления>
                  <Наименование>Ресторан «Пиросмани»</Наименование><ИНН>7707083893</ИНН><КПП>770701001</КПП><КодПоОКПО>12345678</КодПоОКПО></Контрагент>
                <Контрагент><Ид>c-2</Ид><Наименование>Иванов И.</Наименование><Фамилия>Иванов</Фамилия><Имя>Иван</Имя></Контрагент>
              </Контрагенты>
            </КоммерческаяИнформация>
            """).OfType<Counterparty>().ToList();

        records.Should().HaveCount(2);
        records[0].Okpo.Should().Be("12345678");
        records[0].IsPerson.Should().BeFalse();
        records[1].IsPerson.Should().BeTrue();
        records[1].Inn.Should().BeNull();
    }

    [Fact]
    public void Windows_1251_file_is_decoded_from_its_prolog()
    {
        var xml = """
            <?xml version="1.0" encoding="windows-1251"?>
            <КоммерческаяИнформация ВерсияСхемы="2.05"><Каталог><Товары>
              <Товар><Ид>w-1</Ид><Наименование>Киндзмараули, полусладкое красное</Наименование></Товар>
            </Товары></Каталог></КоммерческаяИнформация>
            """;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1251).GetBytes(xml);
        bytes.Should().NotEqual(Encoding.UTF8.GetBytes(xml));

        var product = CommerceMLReader.Read(new MemoryStream(bytes)).OfType<Product>().Single();

        product.Name.Should().Be("Киндзмараули, полусладкое красное");
    }

    [Fact]
    public void Utf8_bom_is_honoured()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>1</Ид><Наименование>Мерло</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>")).ToArray();

        CommerceMLReader.Read(new MemoryStream(bytes)).OfType<Product>().Single().Name.Should().Be("Мерло");
    }
}
