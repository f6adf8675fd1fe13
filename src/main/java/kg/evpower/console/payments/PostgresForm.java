package kg.evpower.console.payments;

/**
 * The PostgreSQL connection dialog's fields: what was saved, or the defaults (port 5432, database "postgres",
 * {@code sslmode=verify-full} against the system's trust store) when nothing was.
 */
public record PostgresForm(String host, String port, String database, String user, String sslMode, String rootCert) {

    public static PostgresForm of(PostgresMoneySource.Settings saved) {
        return saved == null ? new PostgresForm("", "5432", "postgres", "", PostgresMoneySource.VERIFY_FULL, "")
                : new PostgresForm(saved.host(), String.valueOf(saved.port()), saved.database(), saved.user(), saved.sslMode(),
                        saved.sslRootCert() == null ? "" : saved.sslRootCert());
    }

    /** The connection as typed, or null while it is not complete: host, database and user given, the port a number up to 65535. */
    public PostgresMoneySource.Settings settings() {
        String p = port == null ? "" : port.trim();
        if (host == null || host.isBlank() || database == null || database.isBlank() || user == null || user.isBlank()
                || !p.matches("\\d{1,5}") || Integer.parseInt(p) > 65535) {
            return null;
        }
        return new PostgresMoneySource.Settings(host.trim(), Integer.parseInt(p), database.trim(), user.trim(), sslMode,
                rootCert == null || rootCert.isBlank() ? null : rootCert.trim());
    }

    /** What the chosen TLS mode lets through (shown under the field while it is chosen), or "" for verify-full. */
    public String tlsWarning(kg.evpower.console.i18n.Messages m) {
        String w = PostgresMoneySource.tlsWarning(sslMode, host, m);
        return w == null ? "" : w;
    }
}
