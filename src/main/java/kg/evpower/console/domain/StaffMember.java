package kg.evpower.console.domain;

import java.time.Instant;

/**
 * A person in {@code users} as the admin listings show them: an owner (admin), a superadmin or an operator. The owner
 * listing knows email, stations and locations; the operators listing knows the phone; what a listing does not say is
 * null.
 */
public record StaffMember(String id, String name, String email, String phone, Role role, boolean active, Integer stations,
                          Integer locations, Instant created) {

    /** What to call this person: name, else email, else phone, else the id. */
    public String displayName() {
        return displayName(name, email, phone, id);
    }

    /** What to call anyone: the first of these that is not blank. */
    public static String displayName(String name, String email, String phone, String id) {
        for (String s : new String[] {name, email, phone}) {
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        return id;
    }

    /** How to reach them: email and/or phone, whichever the listing gave. */
    public String contact() {
        boolean e = email != null && !email.isBlank();
        boolean p = phone != null && !phone.isBlank();
        return e && p ? email + " · " + phone : e ? email : p ? phone : "";
    }

    /** Whether this person matches a search text (name, email, phone or id, case-insensitive). */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String q = text.strip().toLowerCase(java.util.Locale.ROOT);
        for (String s : new String[] {name, email, phone, id}) {
            if (s != null && s.toLowerCase(java.util.Locale.ROOT).contains(q)) {
                return true;
            }
        }
        String digits = q.replaceAll("\\D", "");
        return digits.length() >= 3 && phone != null && phone.replaceAll("\\D", "").contains(digits);
    }
}
