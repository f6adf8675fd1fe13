package kg.evpower.sandbox;

import java.time.Instant;
import java.util.function.Supplier;
import kg.evpower.sandbox.auth.OtpService;
import kg.evpower.sandbox.auth.Tokens;
import kg.evpower.sandbox.charging.ChargingService;
import kg.evpower.sandbox.sim.NetworkSimulator;
import kg.evpower.sandbox.sim.StationEvents;
import kg.evpower.sandbox.store.Database;
import kg.evpower.sandbox.store.NetworkStore;
import kg.evpower.sandbox.store.Presence;

/** The sandbox's services, built once by {@link SandboxServer} and handed to the HTTP and WebSocket layers. */
public record SandboxContext(SandboxConfig config, Database db, NetworkStore network, Presence presence, Tokens tokens,
                             OtpService otp, StationEvents events, NetworkSimulator simulator, ChargingService charging,
                             kg.evpower.sandbox.pay.PaymentsService payments, Supplier<Instant> clock) {
}
