package kg.evpower.console.i18n;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend's own messages that the contract lists (OTP, rate limits, authentication, people management), said in the UI's language;
 * the server's words are kept beside them as the detail. A message we do not know is shown as the server gave it.
 */
public final class ServerTexts {

    /** A server message (its number, if any, captured) and our key for it. */
    private record Known(Pattern pattern, String key) {
    }

    private static final List<Known> KNOWN = List.of(
            known("Код отправлен в WhatsApp", "server.otp.sent"),
            known("Код создан \\(проверьте WhatsApp\\)", "server.otp.created"),
            known("Подождите (\\d+) секунд\\S* перед повторной отправкой", "server.otp.wait"),
            known("Ошибка при создании кода", "server.otp.error"),
            known("Код не найден или истек\\. Запросите новый код\\.", "server.otp.expired"),
            known("Превышено количество попыток\\. Запросите новый код\\.", "server.otp.tooMany"),
            known("Неверный код\\. Осталось попыток: (\\d+)", "server.otp.wrong"),
            known("Неверный код\\. Превышено количество попыток\\.", "server.otp.wrongLast"),
            known("Rate limit exceeded( \\(critical\\))?", "error.rate"),
            known("Missing or invalid authentication", "error.unauthorized"),
            known("Доступ запрещён\\..*", "error.forbidden"),
            known("Требуется роль .*", "error.forbidden"),
            known("(Внутренняя )?[Оо]шибка сервера", "error.server"),
            known("Оператор деактивирован", "server.people.operatorDeactivated"),
            known("Оператор активирован", "server.people.operatorActivated"),
            known("Оператор уже активен", "server.people.operatorAlreadyActive"),
            known("Пользователь (.+) деактивирован", "server.people.userDeactivated"),
            known("Пользователь уже активен", "server.people.userAlreadyActive"),
            known("Пользователь (.+) активирован", "server.people.userActivated"),
            known("Нет доступа к этому оператору", "server.people.notYourOperator"),
            known("Оператор не найден", "server.people.operatorNotFound"),
            known("Пользователь не найден", "server.people.userNotFound"),
            known("Нельзя изменять свой собственный аккаунт", "server.people.notSelf"),
            known("Нельзя удалить свой собственный аккаунт", "server.people.notSelf"),
            known("Пользователь с таким email уже существует", "server.people.emailTaken"),
            known("Аккаунт деактивирован", "server.people.youAreInactive"));

    private static Known known(String regex, String key) {
        return new Known(Pattern.compile(regex), key);
    }

    private ServerTexts() {
    }

    /**
     * {@code serverText} in the UI's language, with the server's words as the detail where they differ; in Russian the
     * server's own words. Null stays null.
     */
    public static String say(Messages m, String serverText) {
        if (serverText == null || serverText.isBlank()) {
            return serverText;
        }
        String text = serverText.strip();
        if ("ru".equals(m.locale().getLanguage())) {
            return text;
        }
        for (Known k : KNOWN) {
            Matcher match = k.pattern().matcher(text);
            if (match.matches()) {
                String value = match.groupCount() > 0 ? match.group(1) : null;
                String ours = value == null || value.isBlank() ? m.get(k.key())
                        : value.chars().allMatch(Character::isDigit) ? m.format(k.key(), Integer.parseInt(value)) : m.format(k.key(), value);
                return m.format("server.detail", ours, text);
            }
        }
        return text;
    }
}
