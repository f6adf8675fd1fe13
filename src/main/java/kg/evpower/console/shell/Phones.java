package kg.evpower.console.shell;

/** Kyrgyz phone numbers as the backend stores them: {@code +996} and nine digits. */
public final class Phones {

    private Phones() {
    }

    /** "+996 (555) 12-34-56", "0555123456", "996555123456" → "+996555123456"; null if it is no Kyrgyz number. */
    public static String normalize(String input) {
        if (input == null) {
            return null;
        }
        String digits = input.replaceAll("[^0-9]", "");
        if (digits.length() == 10 && digits.startsWith("0")) {
            digits = "996" + digits.substring(1);
        } else if (digits.length() == 9) {
            digits = "996" + digits;
        }
        return digits.length() == 12 && digits.startsWith("996") ? "+" + digits : null;
    }
}
