package kg.evpower.console.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * Wire DTOs: they mirror the JSON exactly (snake_case via the mapper's naming strategy), are lenient (unknown
 * fields ignored, everything nullable, timestamps kept as text) and never leave {@code api/}: {@link WireMapper}
 * turns them into domain records.
 */
public final class Dto {

    private Dto() {
    }

    public record Coordinates(Double latitude, Double longitude) {
    }

    public record StationsSummary(Integer total, Integer available, Integer occupied, Integer offline, Integer maintenance) {
    }

    public record ConnectorsSummary(Integer total, Integer available, Integer occupied, Integer faulted) {
    }

    public record TariffDto(BigDecimal pricePerKwh, BigDecimal sessionFee, String currency) {
    }

    public record StationInfo(String id, String serialNumber, String model, String manufacturer, String status,
                              BigDecimal powerCapacity, Integer connectorsCount, TariffDto tariff,
                              ConnectorsSummary connectorsSummary) {
    }

    public record LocationDto(String id, String name, String address, String city, String country, Coordinates coordinates,
                              String status, StationsSummary stationsSummary, ConnectorsSummary connectorsSummary,
                              List<StationInfo> stations) {
    }

    public record Locations(Boolean success, List<LocationDto> locations, Integer total) {
    }

    public record StatusConnector(Integer id, String type, String status, Boolean available, BigDecimal powerKw, String error) {
    }

    public record StationStatusDto(Boolean success, String stationId, String serialNumber, String model, String manufacturer,
                                   Boolean online, String stationStatus, String locationStatus, Boolean availableForCharging,
                                   String lastHeartbeatAt, String locationId, String locationName, String locationAddress,
                                   List<StatusConnector> connectors, Integer totalConnectors, Integer availableConnectors,
                                   Integer occupiedConnectors, Integer faultedConnectors, BigDecimal tariffRubKwh,
                                   BigDecimal sessionFee, String currency, String message) {
    }

    public record AdminConnector(Integer connectorNumber, String type, BigDecimal powerKw, String status, String errorCode,
                                 String lastStatusUpdate, String ocppStatus) {
    }

    public record AdminStation(String id, String serialNumber, String model, String manufacturer, String locationId,
                               String locationName, String address, String city, Double lat, Double lng, String ownerUserId, String ownerName,
                               String adminStatus, String locationStatus, String status, Boolean isAvailable, Boolean online,
                               String lastHeartbeatAt, BigDecimal powerCapacity, TariffDto tariff,
                               List<AdminConnector> connectors) {
    }

    public record AdminStations(Boolean success, List<AdminStation> stations, Integer total, String generatedAt) {
    }

    public record Profile(Boolean success, String userType, String clientId, String userId, String email, String role,
                          Boolean isActive, String adminId, Integer stationsCount, Integer locationsCount, String phone,
                          String name, BigDecimal balance, String status) {
    }

    public record Csrf(Boolean success, String csrfToken) {
    }

    public record OtpSend(Boolean success, String message, String phone) {
    }

    public record OtpStatus(Boolean success, String phone, Boolean canSend, Integer waitSeconds) {
    }

    public record OtpVerify(Boolean success, String message, String userType, String userId, String role, String adminId) {
    }

    public record Health(String status, String service, String version, Integer connectedStations, Boolean sandbox,
                         String error) {
    }

    public record Version(Boolean success, String version, String gitCommit, String buildTime) {
    }

    public record LocationUpdateDto(String type, String locationId, String locationName, String status,
                                    StationsSummary stationsSummary, ConnectorsSummary connectorsSummary, String timestamp) {
    }

    public record SandboxOtp(Boolean success, String phone, String code) {
    }

    public record SandboxAccount(String phone, String role, String name, String email, Boolean isActive, String ownerName,
                                 Integer stations) {
    }

    public record SandboxAccounts(Boolean success, List<SandboxAccount> staff) {
    }
    public record MeterDto(String timestamp, BigDecimal energyWh, BigDecimal powerW, BigDecimal currentA, BigDecimal voltageV, Integer soc) {
    }

    public record AdminSession(String id, String status, String stationId, String locationId, String locationName, String ownerUserId,
                               Integer connectorId, String clientId, String clientPhone, String startTime, String stopTime,
                               String limitType, BigDecimal limitValue, BigDecimal reservedAmount, BigDecimal amount, BigDecimal energyKwh,
                               Boolean paymentProcessed, Long ocppTransactionId, Integer transactionId, BigDecimal ratePerKwh,
                               MeterDto meter) {
    }

    public record AdminSessions(Boolean success, List<AdminSession> sessions, Long total, Integer limit, Integer offset,
                                SessionsSummary summary, String generatedAt) {
    }

    /** Over every session a listing's filters matched. */
    public record SessionsSummary(Long count, BigDecimal energyKwh, BigDecimal amount) {
    }

    public record AdminStop(Boolean success, String sessionId, String stationId, String clientId, String stopTime, BigDecimal energyKwh,
                            BigDecimal actualCost, BigDecimal refundAmount, BigDecimal newBalance, String stoppedBy, String reason) {
    }
    /** {@code session} of the public {@code GET /api/v1/charging/status/{id}} (contract §3.2). */
    public record ChargingStatusSession(String id, String status, String stationId, Integer connectorId, Long ocppTransactionId,
                                        BigDecimal energyKwh, BigDecimal currentCost, BigDecimal powerKw, BigDecimal reservedAmount,
                                        BigDecimal ratePerKwh, BigDecimal sessionFee, Long durationSeconds, String limitType,
                                        BigDecimal limitValue, Boolean limitReached, BigDecimal meterStart, BigDecimal meterCurrent,
                                        Integer evBatterySoc, Boolean stationOnline, String startTime, String stopTime) {
    }

    public record ChargingStatus(Boolean success, ChargingStatusSession session) {
    }

    /** Operator API money pages (topups, ledger, billing sessions, balances), read by {@code after_id} cursor. */
    public record TopupsPage(Boolean success, List<TopupDto> topups, Object nextAfterId) {
    }

    public record TopupDto(Long id, String invoiceId, String orderId, String clientId, BigDecimal requestedAmount, BigDecimal paidAmount,
                           String status, String createdAt, String paidAt, String invoiceExpiresAt) {
    }

    public record LedgerPage(Boolean success, List<LedgerDto> ledger, Object nextAfterId) {
    }

    public record LedgerDto(Long id, String clientId, String transactionType, BigDecimal amount, Long balanceTopupId,
                            String chargingSessionId, String createdAt) {
    }

    public record BillingPage(Boolean success, List<BillingDto> sessions, Object nextAfterId) {
    }

    public record BillingDto(String id, String clientId, String stationId, String status, String startTime, String stopTime,
                             BigDecimal energyKwh, BigDecimal amount, BigDecimal reservedAmount, Boolean paymentProcessed, String ocppStatus,
                             String ocppStopTime) {
    }

    public record BalancesPage(Boolean success, List<BalanceDto> balances, Object nextAfterId) {
    }

    public record BalanceDto(String clientId, BigDecimal balance, BigDecimal ledgerSum) {
    }

    public record Recheck(Boolean success, String invoiceId, String statusBefore, String providerStatus, Boolean credited, BigDecimal amount,
                          BigDecimal newBalance, String error) {
    }

    /** {@code /admin/users} (superadmin): owners and staff with email, paginated (contract §2.5). */
    public record AdminUser(String id, String email, String role, Boolean isActive, String name, String createdAt, Integer stationsCount,
                            Integer locationsCount) {
    }

    public record AdminUsers(Boolean success, List<AdminUser> users, Integer total, Integer page, Integer perPage) {
    }

    /** {@code /admin/operators}: phone-only staff, unpaginated. */
    public record OperatorDto(String id, String phone, String name, Boolean isActive) {
    }

    public record Operators(Boolean success, List<OperatorDto> operators) {
    }

    /** {@code /admin/users/{id}} and the answers of create and update. */
    public record AdminUserOne(Boolean success, AdminUser user) {
    }

    /** The answers that are only a message ({@code {"success":true,"message":...}}). */
    public record Message(Boolean success, String message) {
    }

    /** The operator API's {@code /admin/people}: everyone the caller may manage, with phone, email and owner. */
    public record Person(String id, String email, String phone, String name, String role, Boolean isActive, String adminId, String createdAt,
                         Integer stationsCount, Integer locationsCount) {
    }

    public record People(Boolean success, List<Person> people, Integer total) {
    }

    /** The operator API's station commands: one sent (and answered), or the station's trail. */
    public record StationCommandDto(Long id, String stationId, String userId, String userName, String action, java.util.Map<String, Object> fields,
                                    String reason, String status, java.util.Map<String, Object> answer, String requestedAt, String answeredAt,
                                    Long durationMs) {
    }

    public record StationCommandSent(Boolean success, StationCommandDto command) {
    }

    public record StationCommands(Boolean success, List<StationCommandDto> commands) {
    }

    /** Operator API push subscriptions and test results (contract §9.2 item 9). */
    public record PushSubscriptionDto(String id, String userId, String userType, String endpointHost, String userAgent, String createdAt,
                                      String lastUsedAt) {
    }

    public record PushSubscriptions(Boolean success, List<PushSubscriptionDto> subscriptions) {
    }

    public record PushResultDto(String subscriptionId, String endpointHost, Integer status, String outcome, Long latencyMs, String error) {
    }

    public record PushTest(Boolean success, Integer sentTo, String message, String payload, List<PushResultDto> results) {
    }
}
