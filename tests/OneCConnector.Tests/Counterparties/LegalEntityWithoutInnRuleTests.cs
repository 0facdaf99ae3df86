using FluentAssertions;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Tests.CommerceML.Parsing;

namespace WineB24.OneCConnector.Tests.Counterparties;

public class LegalEntityWithoutInnRuleTests
{
    private static string? Check(string counterparties) =>
        Fixture.ReadText($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация ВерсияСхемы="2.09">
              <Документ><Ид>d-1</Ид><Номер>ЗК-17</Номер><Дата>2024-03-20</Дата><ХозОперация>Заказ товара</ХозОперация><Роль>Продавец</Роль>
                <Контрагенты>{counterparties}</Контрагенты>
              </Документ>
            </КоммерческаяИнформация>
            """).Select(new LegalEntityWithoutInnRule().Check).SingleOrDefault(p => p is not null);

    [Theory]
    [InlineData("<Контрагент><Ид>p</Ид><Наименование>Александр</Наименование><ПолноеНаименование>Александр</ПолноеНаименование><Роль>Покупатель</Роль><ИНН/><КПП/></Контрагент>")]
    [InlineData("<Контрагент><Ид>p</Ид><Наименование>Иванов И.</Наименование><Фамилия>Иванов</Фамилия><Имя>Иван</Имя><Роль>Покупатель</Роль></Контрагент>")]
    [InlineData("<Контрагент><Ид>ip</Ид><Наименование>ИП Петров</Наименование><ОфициальноеНаименование>ИП Петров</ОфициальноеНаименование><Роль>Покупатель</Роль><ИНН>500100732259</ИНН></Контрагент>")]
    [InlineData("<Контрагент><Ид>s</Ид><Наименование>ООО «Мы»</Наименование><ОфициальноеНаименование>ООО «Мы»</ОфициальноеНаименование><Роль>Продавец</Роль></Контрагент>")]
    [InlineData("<Контрагент><Ид>ok</Ид><Наименование>ООО «Терруар»</Наименование><ОфициальноеНаименование>ООО «Терруар»</ОфициальноеНаименование><Роль>Покупатель</Роль><ИНН>7707083893 </ИНН></Контрагент>")]
    public void Persons_entrepreneurs_the_seller_and_legal_entities_with_an_INN_pass(string counterparty) =>
        Check(counterparty).Should().BeNull();

    [Theory]
    [InlineData("<ОфициальноеНаименование>ООО «Погреб»</ОфициальноеНаименование><ИНН>   </ИНН>")]
    [InlineData("<КПП>770701001</КПП>")]
    [InlineData("<ЮридическийАдрес><Представление>119019, г. Москва, ул. Арбат, д. 1</Представление></ЮридическийАдрес>")]
    public void A_buyer_that_looks_like_a_company_but_has_no_INN_is_refused_by_name_id_and_document(string companyLike)
    {
        var problem = Check($"<Контрагент><Ид>cp-7</Ид><Наименование>ООО «Погреб»</Наименование><Роль>Покупатель</Роль>{companyLike}</Контрагент>");

        problem.Should().Contain("ЗК-17").And.Contain("«ООО «Погреб»»").And.Contain("cp-7").And.Contain("без ИНН").And.Contain("Заполните ИНН в 1С");
    }
}
