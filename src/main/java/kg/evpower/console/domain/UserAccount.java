package kg.evpower.console.domain;

/** The signed-in person, from {@code /api/v1/profile}. */
public record UserAccount(String userId, String phone, String name, String email, Role role, String adminId, boolean active,
                          int stationsCount, int locationsCount) {

    /** What to call this person in the status bar. */
    public String displayName() {
        return StaffMember.displayName(name, email, phone, userId);
    }
}
