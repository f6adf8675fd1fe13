package kg.evpower.console.domain;

import java.time.Instant;

/**
 * A person in {@code users} as the admin listings show them: an owner (admin), a superadmin or an operator. The owner
 * listing knows email, stations and locations; the operators listing knows the phone; the operator API's people
 * listing knows all of it and an operator's owner ({@code ownerId}, {@code users.admin_id}); what a listing does not
 * say is null.
 */
public record StaffMember(String id, String name, String email, String phone, Role role, boolean active, Integer stations,
                          Integer locations, Instant created, String ownerId) {

    /** The same person with what another listing knew filled in where this one had nothing. */
    public StaffMember or(StaffMember other) {
        return new StaffMember(id, name != null && !name.isBlank() ? name : other.name, email != null ? email : other.email,
                phone != null ? phone : other.phone, role, active, stations != null ? stations : other.stations,
                locations != null ? locations : other.locations, created != null ? created : other.created,
                ownerId != null ? ownerId : other.ownerId);
    }

    /** Whether this person can sign in by WhatsApp code: only with a phone. */
    public boolean hasPhone() {
        return phone != null && !phone.isBlank();
    }

    /** Whether the person has an email: production's users listing and detail fail (500) for anyone without one. */
    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }

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
