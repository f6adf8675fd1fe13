package kg.evpower.console.domain;

import java.util.Locale;

/** Who is signed in: staff roles from {@code users.role}, or a plain client (who may not use the console). */
public enum Role {
    SUPERADMIN, ADMIN, OPERATOR, CLIENT, UNKNOWN;

    public static Role fromWire(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    public boolean isStaff() {
        return this == SUPERADMIN || this == ADMIN || this == OPERATOR;
    }
}
