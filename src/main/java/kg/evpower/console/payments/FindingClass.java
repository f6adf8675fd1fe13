package kg.evpower.console.payments;

/**
 * Every kind of discrepancy the reconciliation reports (contract §7.4–7.6), and whether it is explained. {@link #BALANCE_DRIFT} is
 * the part of a client's balance that no evidence accounts for: the "unexplained som". Titles and recommended actions
 * live in the message bundles under {@code recon.class.NAME} and {@code recon.action.NAME}.
 */
public enum FindingClass {
    /** The provider took the money for a QR that a newer QR had cancelled locally; never credited. */
    PAID_NOT_CREDITED_OLD_QR(false),
    /** The provider took the money after the backend's last status check; never credited. */
    PAID_NOT_CREDITED_LATE(false),
    /** An approved topup without its ledger row. */
    APPROVED_NOT_CREDITED(false),
    /** One payment credited more than once. */
    DOUBLE_CREDIT(false),
    /** Credited although the topup is not approved. */
    CREDIT_WITHOUT_APPROVAL(false),
    /** Paid, requested, credited or statement amounts disagree. */
    AMOUNT_MISMATCH(false),
    /** A provider payment the database has no topup for. */
    STATEMENT_UNMATCHED(false),
    /** A credited topup the provider's statement does not have. */
    CREDITED_NOT_IN_STATEMENT(false),
    /** A topup left {@code processing} past its expiry with no payment. */
    STUCK_PROCESSING(false),
    /** A stop through the API, then the station's StopTransaction refunded again, with no ledger row. */
    DOUBLE_REFUND(false),
    /** The same second settlement charged the client again (logged as a negative topup). */
    DOUBLE_CHARGE(false),
    /** A station-initiated stop refunded the reserve's rest without a ledger row. */
    REFUND_UNLOGGED(false),
    /** A station-initiated stop's extra charge logged as a negative {@code balance_topup}. */
    EXTRA_CHARGE_AS_TOPUP(false),
    /** A stopped session whose cost is above its reserve with no extra charge anywhere. */
    SETTLEMENT_MISSING(false),
    /** A session still running after 12 h. */
    LONG_RUNNING(false),
    /** A session in {@code error}. */
    ERROR_SESSION(false),
    /** Balance differs from the ledger sum by an amount no evidence explains. */
    BALANCE_DRIFT(true);

    private final boolean unexplained;

    FindingClass(boolean unexplained) {
        this.unexplained = unexplained;
    }

    public boolean unexplained() {
        return unexplained;
    }
}
