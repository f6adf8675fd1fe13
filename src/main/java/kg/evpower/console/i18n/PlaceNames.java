package kg.evpower.console.i18n;

import java.util.List;
import java.util.Locale;

/**
 * Kyrgyzstan's cities and the neighbouring countries in Russian, English and Kyrgyz. The server names places in
 * Russian; the console shows them in the UI language wherever they appear (tables, filters, the map's labels).
 */
public final class PlaceNames {

    private record Name(String ru, String en, String ky) {
        String in(String lang) {
            return switch (lang) {
                case "en" -> en;
                case "ky" -> ky;
                default -> ru;
            };
        }

        boolean is(String name) {
            return name.equalsIgnoreCase(ru) || name.equalsIgnoreCase(en) || name.equalsIgnoreCase(ky);
        }
    }

    private static final List<Name> NAMES = List.of(
            new Name("Бишкек", "Bishkek", "Бишкек"), new Name("Ош", "Osh", "Ош"), new Name("Джалал-Абад", "Jalal-Abad", "Жалал-Абад"),
            new Name("Каракол", "Karakol", "Каракол"), new Name("Чолпон-Ата", "Cholpon-Ata", "Чолпон-Ата"), new Name("Нарын", "Naryn", "Нарын"),
            new Name("Талас", "Talas", "Талас"), new Name("Баткен", "Batken", "Баткен"), new Name("Токмок", "Tokmok", "Токмок"),
            new Name("Балыкчы", "Balykchy", "Балыкчы"), new Name("Кара-Балта", "Kara-Balta", "Кара-Балта"), new Name("Узген", "Uzgen", "Өзгөн"),
            new Name("Казахстан", "Kazakhstan", "Казакстан"), new Name("Узбекистан", "Uzbekistan", "Өзбекстан"),
            new Name("Таджикистан", "Tajikistan", "Тажикстан"), new Name("Китай", "China", "Кытай"));

    private PlaceNames() {
    }

    /** {@code name} in {@code lang} (ru, en, ky) when it is a place we know; otherwise as given (null stays null). */
    public static String in(String name, String lang) {
        if (name == null) {
            return null;
        }
        String l = lang == null ? "ru" : lang.toLowerCase(Locale.ROOT);
        return NAMES.stream().filter(n -> n.is(name.strip())).findFirst().map(n -> n.in(l)).orElse(name);
    }
}
