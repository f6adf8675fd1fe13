package kg.evpower.console.payments;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The column-mapping step for one file: the fields a statement has (the first three required), the header's
 * columns, and which column each field starts on.
 */
public record MappingRequest(Path file, List<String> header, StatementImport.Mapping start) {

    /** The statement's fields, in the order the step shows them; their labels are {@code recon.mapping.field.<key>}. */
    public static final List<String> FIELDS = List.of("invoice", "paidAt", "amount", "transaction", "order", "commission");
    private static final int REQUIRED = 3;

    /** The header column field {@code i} starts on (the remembered column, matched without case), or null for none. */
    public String initial(int i) {
        String want = switch (i) {
            case 0 -> start.invoiceId();
            case 1 -> start.paidAt();
            case 2 -> start.amount();
            case 3 -> start.transactionId();
            case 4 -> start.orderId();
            default -> start.commission();
        };
        return header.stream().filter(x -> want != null && x.equalsIgnoreCase(want)).findFirst().orElse(null);
    }

    /** Whether field {@code i} must have a column (invoice, paid at, amount). */
    public static boolean required(int i) {
        return i < REQUIRED;
    }

    /** Whether every required field has a column ({@code picks}: one column or null per field). */
    public static boolean complete(List<String> picks) {
        return picks.size() >= REQUIRED && picks.subList(0, REQUIRED).stream().allMatch(Objects::nonNull);
    }

    /** The mapping the operator picked. */
    public StatementImport.Mapping mapping(List<String> picks, boolean som) {
        return new StatementImport.Mapping(picks.get(0), picks.get(1), picks.get(2), picks.get(3), picks.get(4), picks.get(5),
                som ? StatementImport.Unit.SOM : StatementImport.Unit.TYIYN, start.zone());
    }
}
