package kg.evpower.console.push;

import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;

/** The notifications screen's texts for what devices answered: one delivery, one history entry. */
final class PushTexts {

    private final Messages m;
    private final Formats f;

    PushTexts(Messages m, Formats f) {
        this.m = m;
        this.f = f;
    }

    /** What one device's answer means, in words: delivered, removed, rate-limited, the service failing, unreachable. */
    String detail(PushHistory.Delivery d) {
        String what = switch (d.state()) {
            case DELIVERED -> m.get("push.detail.delivered");
            case REMOVED -> m.get("push.detail.removed");
            case GONE -> m.get("push.detail.gone");
            case FAILED -> d.status() == 429 ? m.get("push.detail.429") : d.status() >= 500 ? m.get("push.detail.5xx")
                    : d.status() == 0 ? m.get("push.detail.unreachable") : m.get("push.detail.failed");
            case UNKNOWN -> m.get("push.detail.unknown");
            case NOT_SENT -> "";
        };
        String error = d.error() == null ? "" : d.error();
        return what.isEmpty() ? error : error.isEmpty() ? what : what + ": " + error;
    }

    /** One history entry in full: when, who, to whom, and what each device got. */
    String historyDetail(PushHistory.Entry e) {
        StringBuilder b = new StringBuilder();
        b.append(m.format("push.history.detail.head", f.dateTime(e.at()), e.who(), e.targetName() == null ? "" : e.targetName()));
        b.append('\n');
        if (e.deliveries() != null) {
            for (PushHistory.Delivery d : e.deliveries()) {
                b.append("• ").append(d.device()).append(" (").append(d.service()).append("): ")
                        .append(m.get("push.state." + d.state().name().toLowerCase()));
                if (d.status() != 0) {
                    b.append(", HTTP ").append(d.status());
                }
                if (d.latencyMs() >= 0) {
                    b.append(", ").append(m.format("push.results.ms", d.latencyMs()));
                }
                if (d.error() != null) {
                    b.append(" — ").append(d.error());
                }
                b.append('\n');
            }
        }
        if (e.note() != null) {
            b.append(e.note()).append('\n');
        }
        if (e.payload() != null) {
            b.append('\n').append(PushMessage.pretty(e.payload()));
        }
        return b.toString();
    }
}
