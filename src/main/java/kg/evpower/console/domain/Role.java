package kg.evpower.console.domain;


/** Who is signed in: staff roles from {@code users.role}, or a plain client (who may not use the console). */
public enum Role {
    SUPERADMIN, ADMIN, OPERATOR, CLIENT, UNKNOWN;

    public static Role fromWire(String s) {
        return WireEnums.parse(Role.class, s, UNKNOWN);
    }

    public boolean isStaff() {
        return this == SUPERADMIN || this == ADMIN || this == OPERATOR;
    }
}
