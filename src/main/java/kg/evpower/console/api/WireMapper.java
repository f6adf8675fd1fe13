package kg.evpower.console.api;

import java.util.ArrayList;
import java.util.List;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Connector;
import kg.evpower.console.domain.MeterSample;
import kg.evpower.console.domain.ConnectorCounts;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.domain.LocationUpdate;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationCounts;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.domain.Tariff;
import kg.evpower.console.domain.UserAccount;

/** The one place where wire DTOs become domain records (house rule: wire ≠ domain). */
public final class WireMapper {

    private WireMapper() {
    }

    static int n(Integer i) {
        return i == null ? 0 : i;
    }

    static StationCounts stationCounts(Dto.StationsSummary s) {
        return s == null ? StationCounts.NONE
                : new StationCounts(n(s.total()), n(s.available()), n(s.occupied()), n(s.offline()), n(s.maintenance()));
    }

    static ConnectorCounts connectorCounts(Dto.ConnectorsSummary s, int fallbackTotal) {
        if (s == null) {
            return ConnectorCounts.NONE;
        }
        int total = s.total() != null ? s.total() : fallbackTotal;
        return new ConnectorCounts(total, n(s.available()), n(s.occupied()), n(s.faulted()));
    }

    static Tariff tariff(Dto.TariffDto t) {
        return t == null ? null : new Tariff(t.pricePerKwh(), t.sessionFee(), t.currency() == null ? "KGS" : t.currency());
    }

    public static Location location(Dto.LocationDto l) {
        Double lat = l.coordinates() == null ? null : l.coordinates().latitude();
        Double lon = l.coordinates() == null ? null : l.coordinates().longitude();
        List<Station> stations = new ArrayList<>();
        if (l.stations() != null) {
            for (Dto.StationInfo s : l.stations()) {
                stations.add(new Station(s.id(), s.serialNumber(), s.model(), s.manufacturer(), l.id(), l.name(), l.address(),
                        l.city(), lat, lon, s.powerCapacity(), StationStatus.fromWire(s.status()), null, null, null,
                        tariff(s.tariff()), connectorCounts(s.connectorsSummary(), n(s.connectorsCount())), List.of(), null, null, null));
            }
        }
        return new Location(l.id(), l.name(), l.address(), l.city(), lat, lon, LocationStatus.fromWire(l.status()),
                stationCounts(l.stationsSummary()), connectorCounts(l.connectorsSummary(), 0), stations);
    }

    public static List<Location> locations(Dto.Locations r) {
        List<Location> out = new ArrayList<>();
        if (r.locations() != null) {
            for (Dto.LocationDto l : r.locations()) {
                out.add(location(l));
            }
        }
        return out;
    }

    public static Station adminStation(Dto.AdminStation s) {
        List<Connector> cons = new ArrayList<>();
        int free = 0;
        int busy = 0;
        int faulted = 0;
        if (s.connectors() != null) {
            for (Dto.AdminConnector c : s.connectors()) {
                ConnectorStatus st = ConnectorStatus.fromWire(c.status());
                switch (st) {
                    case AVAILABLE -> free++;
                    case OCCUPIED -> busy++;
                    case FAULTED -> faulted++;
                    default -> { }
                }
                cons.add(new Connector(n(c.connectorNumber()), c.type(), c.powerKw(), st, c.errorCode(), c.ocppStatus(),
                        WireTime.parseLenient(c.lastStatusUpdate())));
            }
        }
        return new Station(s.id(), s.serialNumber(), s.model(), s.manufacturer(), s.locationId(), s.locationName(), s.address(),
                s.city(), s.lat(), s.lng(), s.powerCapacity(), StationStatus.fromWire(s.status()), s.adminStatus(), s.online(),
                WireTime.parseLenient(s.lastHeartbeatAt()), tariff(s.tariff()), new ConnectorCounts(cons.size(), free, busy, faulted),
                cons, s.ownerUserId(), s.ownerName(), s.isAvailable());
    }

    /** Station liveness and connectors from {@code /station/status}. */
    public static Station withStatus(Station base, Dto.StationStatusDto d) {
        List<Connector> cons = new ArrayList<>();
        if (d.connectors() != null) {
            for (Dto.StatusConnector c : d.connectors()) {
                cons.add(new Connector(n(c.id()), c.type(), c.powerKw(), ConnectorStatus.fromWire(c.status()), c.error(), null, null));
            }
        }
        return new Station(base.id(), base.serialNumber(), base.model(), base.manufacturer(), base.locationId(),
                base.locationName(), base.address(), base.city(), base.latitude(), base.longitude(), base.powerKw(),
                base.status(), d.stationStatus() != null ? d.stationStatus() : base.adminStatus(), d.online(),
                WireTime.parseLenient(d.lastHeartbeatAt()),
                base.tariff() != null ? base.tariff() : new Tariff(d.tariffRubKwh(), d.sessionFee(), d.currency()),
                new ConnectorCounts(n(d.totalConnectors()), n(d.availableConnectors()), n(d.occupiedConnectors()),
                        n(d.faultedConnectors())), cons, base.ownerId(), base.ownerName(), base.isAvailable());
    }

    public static LocationUpdate locationUpdate(Dto.LocationUpdateDto u) {
        return new LocationUpdate(u.locationId(), u.locationName(), LocationStatus.fromWire(u.status()),
                stationCounts(u.stationsSummary()), connectorCounts(u.connectorsSummary(), 0), WireTime.parseLenient(u.timestamp()));
    }

    public static UserAccount account(Dto.Profile p) {
        Role role = "owner".equals(p.userType()) ? Role.fromWire(p.role()) : Role.CLIENT;
        return new UserAccount(p.userId() != null ? p.userId() : p.clientId(), p.phone(), p.name(), p.email(), role, p.adminId(),
                p.isActive() == null || p.isActive(), n(p.stationsCount()), n(p.locationsCount()));
    }

    /** A meter sample, or null. */
    public static MeterSample meter(Dto.MeterDto m) {
        return m == null ? null : new MeterSample(WireTime.parseLenient(m.timestamp()), m.energyWh(), m.powerW(), m.currentA(),
                m.voltageV(), m.soc());
    }

    /** An operator-API session. */
    public static ChargingSession session(Dto.AdminSession s) {
        return new ChargingSession(s.id(), ChargingSession.Status.fromWire(s.status()), s.stationId(), s.locationId(), s.locationName(),
                s.ownerUserId(), s.connectorId(), s.clientId(), s.clientPhone(), WireTime.parseLenient(s.startTime()),
                WireTime.parseLenient(s.stopTime()), ChargingSession.Limit.fromWire(s.limitType()), s.limitValue(), s.reservedAmount(),
                s.amount(), s.energyKwh(), Boolean.TRUE.equals(s.paymentProcessed()), s.transactionId(), s.ratePerKwh(), meter(s.meter()));
    }

    /**
     * A session from the public status poll (polling mode, without the operator API). What it cannot say is left
     * empty: the connector (production always answers 1), the client, the location, the owner, voltage and current.
     */
    public static ChargingSession polledSession(Dto.ChargingStatusSession s) {
        java.time.Instant start = WireTime.parseLenient(s.startTime());
        MeterSample sample = s.meterCurrent() == null && s.powerKw() == null ? null : new MeterSample(null, s.meterCurrent(),
                s.powerKw() == null ? null : s.powerKw().multiply(java.math.BigDecimal.valueOf(1000)), null, null, s.evBatterySoc());
        ChargingSession.Status status = s.status() == null || "preparing".equalsIgnoreCase(s.status()) ? ChargingSession.Status.STARTED
                : ChargingSession.Status.fromWire(s.status());
        return new ChargingSession(s.id(), status, s.stationId(), null, null, null, null, null, null, start, WireTime.parseLenient(s.stopTime()),
                ChargingSession.Limit.fromWire(s.limitType()), s.limitValue(), s.reservedAmount(),
                status == ChargingSession.Status.STARTED ? s.reservedAmount() : s.currentCost(), s.energyKwh(), false, null, s.ratePerKwh(),
                sample);
    }

    public static kg.evpower.console.domain.Topup topup(Dto.TopupDto t) {
        return new kg.evpower.console.domain.Topup(t.id() == null ? 0 : t.id(), t.invoiceId(), t.orderId(), t.clientId(), t.requestedAmount(),
                t.paidAmount(), kg.evpower.console.domain.Topup.TopupStatus.parse(t.status()), WireTime.parseLenient(t.createdAt()), WireTime.parseLenient(t.paidAt()),
                WireTime.parseLenient(t.invoiceExpiresAt()));
    }

    public static kg.evpower.console.domain.LedgerEntry ledger(Dto.LedgerDto e) {
        return new kg.evpower.console.domain.LedgerEntry(e.id() == null ? 0 : e.id(), e.clientId(),
                kg.evpower.console.domain.LedgerEntry.Type.parse(e.transactionType()), e.amount() == null ? java.math.BigDecimal.ZERO : e.amount(),
                e.balanceTopupId(), e.chargingSessionId(), WireTime.parseLenient(e.createdAt()));
    }

    public static kg.evpower.console.domain.BillingSession billing(Dto.BillingDto s) {
        return new kg.evpower.console.domain.BillingSession(s.id(), s.clientId(), s.stationId(), s.status(), WireTime.parseLenient(s.startTime()), WireTime.parseLenient(s.stopTime()),
                s.energyKwh(), s.amount(), s.reservedAmount(), Boolean.TRUE.equals(s.paymentProcessed()), s.ocppStatus(), WireTime.parseLenient(s.ocppStopTime()));
    }

    public static kg.evpower.console.domain.ClientBalance balance(Dto.BalanceDto b) {
        java.math.BigDecimal zero = java.math.BigDecimal.ZERO;
        return new kg.evpower.console.domain.ClientBalance(b.clientId(), b.balance() == null ? zero : b.balance(),
                b.ledgerSum() == null ? zero : b.ledgerSum());
    }

    public static kg.evpower.console.domain.StaffMember staff(Dto.AdminUser u) {
        return new kg.evpower.console.domain.StaffMember(u.id(), u.name(), u.email(), null, Role.fromWire(u.role()),
                !Boolean.FALSE.equals(u.isActive()), u.stationsCount(), u.locationsCount(), WireTime.parseLenient(u.createdAt()), null);
    }

    /** An operator of {@code /admin/operators}; {@code ownerId} when the caller knows it (an owner's own), else null. */
    public static kg.evpower.console.domain.StaffMember operator(Dto.OperatorDto o, String ownerId) {
        return new kg.evpower.console.domain.StaffMember(o.id(), blankToNull(o.name()), null, blankToNull(o.phone()), Role.OPERATOR,
                !Boolean.FALSE.equals(o.isActive()), null, null, null, ownerId);
    }

    /** A person of the operator API's {@code /admin/people}. */
    public static kg.evpower.console.domain.StaffMember person(Dto.Person p) {
        return new kg.evpower.console.domain.StaffMember(p.id(), blankToNull(p.name()), blankToNull(p.email()), blankToNull(p.phone()),
                Role.fromWire(p.role()), !Boolean.FALSE.equals(p.isActive()), p.stationsCount(), p.locationsCount(),
                WireTime.parseLenient(p.createdAt()), blankToNull(p.adminId()));
    }

    /** A station command as the operator API gives it; a GetConfiguration's keys read from its answer. */
    public static kg.evpower.console.domain.StationCommand command(Dto.StationCommandDto c) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (c.fields() != null) {
            c.fields().forEach((k, v) -> fields.put(k, v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                    : String.valueOf(v)));
        }
        List<kg.evpower.console.domain.StationCommand.ConfigKey> keys = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (c.answer() != null) {
            if (c.answer().get("configurationKey") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof java.util.Map<?, ?> k) {
                        keys.add(new kg.evpower.console.domain.StationCommand.ConfigKey(String.valueOf(k.get("key")),
                                Boolean.TRUE.equals(k.get("readonly")), k.get("value") == null ? null : String.valueOf(k.get("value"))));
                    }
                }
            }
            if (c.answer().get("unknownKey") instanceof List<?> list) {
                list.forEach(o -> unknown.add(String.valueOf(o)));
            }
        }
        List<String> observed = new ArrayList<>();
        if (c.answer() != null && c.answer().get("observed") instanceof List<?> list) {
            list.forEach(o -> observed.add(String.valueOf(o)));
        }
        return new kg.evpower.console.domain.StationCommand(c.id() == null ? 0 : c.id(), c.stationId(), c.userName(), c.action(), fields,
                c.reason(), c.status(), keys, unknown, WireTime.parseLenient(c.requestedAt()), WireTime.parseLenient(c.answeredAt()),
                c.durationMs(), observed);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public static kg.evpower.console.domain.PushSubscription subscription(Dto.PushSubscriptionDto s) {
        return new kg.evpower.console.domain.PushSubscription(s.id(), s.userId(),
                kg.evpower.console.domain.PushSubscription.Audience.fromWire(s.userType()), s.endpointHost(), s.userAgent(),
                WireTime.parseLenient(s.createdAt()), WireTime.parseLenient(s.lastUsedAt()));
    }

    public static kg.evpower.console.domain.PushSent pushSent(Dto.PushTest t) {
        List<kg.evpower.console.domain.PushDelivery> results = new ArrayList<>();
        if (t.results() != null) {
            for (Dto.PushResultDto r : t.results()) {
                results.add(new kg.evpower.console.domain.PushDelivery(r.subscriptionId(), r.endpointHost(), n(r.status()),
                        kg.evpower.console.domain.PushDelivery.Outcome.fromWire(r.outcome()), r.latencyMs() == null ? -1 : r.latencyMs(),
                        r.error()));
            }
        }
        return new kg.evpower.console.domain.PushSent(n(t.sentTo()), t.message(), t.payload(), List.copyOf(results));
    }
}
