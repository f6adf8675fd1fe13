package kg.evpower.console.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.SessionsApi;
import kg.evpower.console.fx.FxCoalescer;
import kg.evpower.console.fx.Persist;
import kg.evpower.console.live.LocationsFeed;
import kg.evpower.console.live.SessionsFeed;
import kg.evpower.console.shell.Feature;
import kg.evpower.console.shell.MainView;
import kg.evpower.console.shell.Workspace;
import kg.evpower.console.stations.StationsFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sessions dashboard: fed by the operator API's stream when the server has it, else by polling the sessions
 * an operator adds, within a third of the request budget. Rows are coalesced per session and applied once per
 * pulse; the stations' own changes come from {@link StationsFeature}.
 */
public final class SessionsFeature implements Feature {

    /** Today's ended totals as kept in the settings. */
    public record KeptTotals(String day, long count, java.math.BigDecimal energyKwh, java.math.BigDecimal amount, Instant asOf) {
    }

    /** The most sessions a search by station follows (the poller's own limit is 20). */
    private static final int FIND_AT_MOST = 20;

    private static final Logger LOG = LoggerFactory.getLogger(SessionsFeature.class);
    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> IDS = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    private final Workspace ws;
    private final StationsFeature stations;
    private final SessionsService service;
    private final SessionsViewModel vm;
    private final FxCoalescer<String, Optional<SessionRow>> rows;
    private final SessionsFeed feed;
    private final SessionPoller poller;
    private final ProblemAlertsView alerts;
    private final AtomicReference<ScheduledFuture<?>> evaluation = new AtomicReference<>();

    public SessionsFeature(Workspace ws, StationsFeature stations) {
        this.ws = ws;
        this.stations = stations;
        boolean stream = ws.caps().adminSessions();
        AtomicReference<SessionsViewModel> vmRef = new AtomicReference<>();
        rows = new FxCoalescer<>(batch -> vmRef.get().apply(batch));
        service = new SessionsService(new SessionsService.Sink() {
            @Override
            public void changed(SessionRow row) {
                rows.offer(row.id(), Optional.of(row));
            }

            @Override
            public void removed(String sessionId) {
                rows.offer(sessionId, Optional.empty());
            }

            @Override
            public void evaluated(SessionsService.Totals totals, List<SessionProblem> problems, List<SessionProblem> fresh) {
                Platform.runLater(() -> vmRef.get().evaluated(totals, problems, fresh));
            }

            @Override
            public void feedState(LocationsFeed.State state, int failed, Duration next) {
                String text = ws.feedText("sessions.feed", state, next);
                String lost = ws.messages().get("stale.sessionsFeed");
                Platform.runLater(() -> vmRef.get().feedState(text, Workspace.connected(state), lost));
            }
        }, Instant::now, stream ? ws.api().sessions()::adminStoppedTotals : null, ws.io());
        stations.onStations(service::stationsChanged);
        // today's ended totals outlive this screen (a language switch, a restart): kept with the settings, by day
        AtomicReference<KeptTotals> kept = new AtomicReference<>(ws.remembered().get("sessionsToday", KeptTotals.class));
        service.remember(new SessionsService.TotalsMemory() {
            @Override
            public SessionsApi.StoppedTotals recall(java.time.LocalDate day) {
                KeptTotals k = kept.get();
                return k == null || !day.toString().equals(k.day()) ? null : new SessionsApi.StoppedTotals(k.count(), k.energyKwh(), k.amount(), k.asOf());
            }

            @Override
            public void keep(java.time.LocalDate day, SessionsApi.StoppedTotals t) {
                KeptTotals k = new KeptTotals(day.toString(), t.count(), t.energyKwh(), t.amount(), t.serverTime());
                kept.set(k);
                Platform.runLater(() -> ws.remembered().put("sessionsToday", k));
            }
        });
        alerts = new ProblemAlertsView(ws.window(), ws.messages(), ws.io());
        poller = stream ? null : new SessionPoller(ws.api(), service, ws.io(), 20,
                status -> Platform.runLater(() -> vmRef.get().pollingStatus(status)),
                ids -> Platform.runLater(() -> ws.remembered().put("watchedSessions", new ArrayList<>(ids))));
        SessionsViewModel.Stopper stopper = !stream ? null : (id, reason) -> {
            Dto.AdminStop r = ws.api().sessions().adminStopSession(id, reason);
            return ws.messages().format("sessions.stop.done", ws.formats().decimal(r.energyKwh()), ws.formats().decimal(r.actualCost()),
                    ws.formats().decimal(r.refundAmount()));
        };
        // without the operator API a station's sessions are found in the read-only database set up for reconciliation
        SessionsViewModel.Finder finder = stream ? null : (station, password) -> {
            // the settings on the FX thread, where they change; the database in the background
            kg.evpower.console.payments.PostgresMoneySource.Settings pg = ws.remembered().get("reconPostgres",
                    kg.evpower.console.payments.PostgresMoneySource.Settings.class);
            return () -> {
                if (pg == null) {
                    throw new IllegalStateException(ws.messages().get("sessions.find.needsPostgres"));
                }
                try {
                    return new kg.evpower.console.payments.PostgresMoneySource(pg, password).sessionsAt(station,
                            Instant.now().minus(Duration.ofDays(1)), FIND_AT_MOST);
                } catch (kg.evpower.console.payments.PostgresMoneySource.Failure e) {
                    throw new IllegalStateException(e.explain(ws.messages()));
                }
            };
        };
        vm = new SessionsViewModel(stream ? SessionsViewModel.Mode.STREAM : SessionsViewModel.Mode.POLLING,
                service::history, alerts, stopper, poller == null ? null : poller::watch, finder, Instant::now, ws.tasks());
        vmRef.set(vm);
        Persist.bind(vm.mutedProperty(), ws.remembered(), "muteSessionProblems", Boolean.class, null);
        feed = !stream ? null : new SessionsFeed(ws.api().sessions()::sessionsSocket, ws.api().sessions()::sessionsSocketCookies, ws.io(), service,
                Duration.ofSeconds(1));
    }

    /** A station's commands and history, as the map shows them, on the sessions screen's own view of them. */
    private java.util.function.Function<String, javafx.scene.Node> stationActions() {
        kg.evpower.console.stations.StationActionsView view = stations.actionsView();
        return id -> {
            kg.evpower.console.domain.Station s = stations.station(id);
            return s == null ? null : new javafx.scene.layout.VBox(6, view.controls(s), view.panel());
        };
    }

    @Override
    public List<MainView.NavItem> screens() {
        return List.of(new MainView.NavItem("sessions", ws.messages().get("nav.sessions"), "mdi2l-lightning-bolt",
                () -> new SessionsView(vm, ws.messages(), ws.formats(), stationActions()), feed == null ? null : feed::resync));
    }

    @Override
    public void start() {
        rows.start();
        if (feed != null) {
            feed.start();
        } else {
            List<String> watched = ws.remembered().get("watchedSessions", IDS);
            Set<String> ids = watched == null ? Set.of() : new LinkedHashSet<>(watched);
            poller.start(ids);
        }
        evaluation.set(ws.io().scheduleWithFixedDelay(() -> {
            try {
                service.evaluate();
            } catch (RuntimeException e) {
                LOG.warn("session evaluation failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS));
    }

    @Override
    public void stop() {
        if (feed != null) {
            feed.close();
        } else {
            poller.stop();
        }
        ScheduledFuture<?> e = evaluation.getAndSet(null);
        if (e != null) {
            e.cancel(false);
        }
        rows.stop();
        alerts.close();
    }
}
