package kg.evpower.console.shell;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.platform.EmbeddedServer;
import kg.evpower.console.settings.Settings;

/**
 * The server the console talks to: a client for the chosen profile, made once (off the FX thread); for the built-in
 * sandbox, the sandbox itself, started on first use and stopped when another server is chosen or the console closes.
 */
public final class ServerConnection {

    private final Supplier<EmbeddedServer> sandboxFactory;
    private final Executor io;
    private Settings.Profile profile;
    private EmbeddedServer sandbox;
    private CompletableFuture<EvPowerClient> client;

    public ServerConnection(Settings.Profile profile, Supplier<EmbeddedServer> sandboxFactory, Executor io) {
        this.profile = profile;
        this.sandboxFactory = sandboxFactory;
        this.io = io;
    }

    public synchronized Settings.Profile profile() {
        return profile;
    }

    public synchronized boolean isSandbox() {
        return profile.url() == null;
    }

    /** The built-in sandbox (made once; started by {@link #client()}). */
    public synchronized EmbeddedServer sandbox() {
        if (sandbox == null) {
            sandbox = sandboxFactory.get();
        }
        return sandbox;
    }

    /** The client for the chosen profile; for the sandbox, starts it first. */
    public synchronized CompletableFuture<EvPowerClient> client() {
        if (client == null || client.isCompletedExceptionally()) {
            Settings.Profile p = profile;
            client = CompletableFuture.supplyAsync(() -> {
                URI base = p.url() == null ? sandbox().start() : URI.create(p.url());
                return new EvPowerClient(base, p.gateway() == null ? null : URI.create(p.gateway()), RequestBudget.production(),
                        Duration.ofSeconds(15));
            }, io);
        }
        return client;
    }

    /** Another server was chosen: forgets the client, and stops the sandbox when leaving it (off the FX thread). */
    public void switchTo(Settings.Profile next) {
        CompletableFuture<EvPowerClient> old;
        EmbeddedServer stop = null;
        synchronized (this) {
            profile = next;
            old = client;
            client = null;
            if (next.url() != null && sandbox != null) {
                stop = sandbox;
                sandbox = null;
            }
        }
        if (stop != null) {
            EmbeddedServer s = stop;
            io.execute(s::close);
        }
        if (old != null) {
            old.cancel(false);
        }
    }

    /** The server in words: its name, and the sandbox's address once it runs. */
    public String describe(Messages m, boolean withAddress) {
        Settings.Profile p = profile();
        String name = p.url() == null ? m.get("profile.sandbox") : p.name() + " — " + p.url();
        if (!withAddress || p.url() != null) {
            return name;
        }
        CompletableFuture<EvPowerClient> c;
        synchronized (this) {
            c = client;
        }
        EvPowerClient started = c != null && c.isDone() && !c.isCompletedExceptionally() ? c.join() : null;
        return started != null ? name + " — " + started.baseUri() : m.format("about.server.notStarted", name);
    }

    public void close() {
        EmbeddedServer s;
        synchronized (this) {
            s = sandbox;
            sandbox = null;
        }
        if (s != null) {
            s.close();
        }
    }
}
