package kg.evpower.console.payments;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.fx.FilePicker;
import kg.evpower.console.fx.Persist;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.shell.Feature;
import kg.evpower.console.shell.MainView;
import kg.evpower.console.shell.Workspace;

/**
 * Payment reconciliation, for support staff only: runs read the operator API (when the server has it) or the saved
 * PostgreSQL connection on the I/O pool; resolutions go to the audit trail beside the settings; the source, the
 * PostgreSQL connection (never its password) and the statement's column mappings are remembered.
 */
public final class PaymentsFeature implements Feature {

    /** The resolved-findings audit trail, in the settings folder. */
    public static final String AUDIT = "reconciliation-audit.jsonl";
    private static final TypeReference<Map<String, StatementImport.Mapping>> MAPPINGS = new TypeReference<>() {
    };

    private final Workspace ws;
    private final PaymentsViewModel vm;
    private final PaymentsView.Host host;

    public PaymentsFeature(Workspace ws) {
        this.ws = ws;
        if (!ws.superadmin()) {
            vm = null;
            host = null;
            return;
        }
        AtomicReference<PostgresMoneySource.Settings> pg = new AtomicReference<>(ws.remembered().get("reconPostgres",
                PostgresMoneySource.Settings.class));
        PaymentsViewModel.Runner runner = (kind, period, statement, password, progress, cancelled) -> {
            MoneySource source;
            if (kind == MoneySource.Kind.API) {
                source = ReconciliationRun.api(ws.api(), ws.caps(), ws.messages());
            } else {
                PostgresMoneySource.Settings s = pg.get();
                if (s == null) {
                    throw new IllegalStateException(ws.messages().get("recon.source.postgresNeeds"));
                }
                source = new PostgresMoneySource(s, password);
            }
            try {
                return ReconciliationRun.of(source, period, statement, progress, cancelled, ws.messages());
            } catch (ApiException e) {
                throw new IllegalStateException(ErrorTexts.of(ws.messages(), e));
            } catch (PostgresMoneySource.Failure e) {
                throw new IllegalStateException(e.explain(ws.messages()));
            }
        };
        String who = ws.who();
        vm = new PaymentsViewModel(ws.messages(), ws.formats(), ws.tasks(), runner,
                new ResolutionLog(ws.journals().resolve(AUDIT)), () -> who, Instant::now);
        // the source that works: without the operator API's money reads, the read-only PostgreSQL connection
        Persist.bind(vm.sourceProperty(), ws.remembered(), "reconSource", MoneySource.Kind.class,
                ws.caps().adminMoney() ? MoneySource.Kind.API : MoneySource.Kind.POSTGRES);
        if (!ws.caps().adminMoney()) {
            vm.sourceProperty().set(MoneySource.Kind.POSTGRES);
        }
        host = new PaymentsView.Host() {
            @Override
            public StatementImport.Mapping mapping(String provider) {
                Map<String, StatementImport.Mapping> all = ws.remembered().get("statementMappings", MAPPINGS);
                return all == null ? null : all.get(provider);
            }

            @Override
            public void rememberMapping(String provider, StatementImport.Mapping mapping) {
                Map<String, StatementImport.Mapping> all = ws.remembered().get("statementMappings", MAPPINGS);
                Map<String, StatementImport.Mapping> changed = all == null ? new HashMap<>() : new HashMap<>(all);
                changed.put(provider, mapping);
                ws.remembered().put("statementMappings", changed);
            }

            @Override
            public PostgresMoneySource.Settings postgres() {
                return pg.get();
            }

            @Override
            public void rememberPostgres(PostgresMoneySource.Settings s) {
                pg.set(s);
                ws.remembered().put("reconPostgres", s);
            }

            @Override
            public FilePicker files() {
                return ws.files();
            }
        };
    }

    @Override
    public List<MainView.NavItem> screens() {
        return vm == null ? List.of() : List.of(new MainView.NavItem("payments", ws.messages().get("nav.payments"), "mdi2c-cash-multiple",
                () -> new PaymentsView(vm, ws.messages(), ws.formats(), host)));
    }
}
