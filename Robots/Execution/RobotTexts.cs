using WineB24.Bitrix24Client.Apps;

namespace WineB24.Robots.Execution;

/// <summary>What the workflow shows when a robot could not finish (portal language: ru, otherwise en).</summary>
internal static class RobotTexts
{
    public static LocalizedText GaveUp(int attempts, string code) => new(
        $"Портал Bitrix24 не отвечал или был перегружен; попыток: {attempts}. Код: {code}. Запустите робота ещё раз позже.",
        $"The Bitrix24 portal did not answer or was overloaded; attempts: {attempts}. Code: {code}. Run the robot again later.");

    public static LocalizedText Refused(string code, string description) => new(
        $"Bitrix24 отклонил запрос робота: {code} {description}",
        $"Bitrix24 refused the robot's request: {code} {description}");

    public static LocalizedText Unexpected => new(
        "Внутренняя ошибка приложения WineB24. Сообщите администратору.",
        "Internal error in the WineB24 application. Please tell your administrator.");

    public static LocalizedText UnknownRobot(string code) => new(
        $"Робот {code} больше не поддерживается приложением.",
        $"The robot {code} is no longer supported by the application.");
}
