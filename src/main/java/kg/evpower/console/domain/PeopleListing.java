package kg.evpower.console.domain;

import java.util.List;

/**
 * Everyone a signed-in person may manage, and what could not be read.
 *
 * @param people      owners, support staff and operators, each once
 * @param unreadable  the roles production's users listing refused (500: someone of that role has no email, contract
 *                    §2.5), whose people are missing
 * @param ownersKnown whether every operator's owner is known: the operator API says it; production's operators listing
 *                    does not, so only an owner's own operators are known to be theirs
 */
public record PeopleListing(List<StaffMember> people, List<Role> unreadable, boolean ownersKnown) {

    public PeopleListing {
        people = List.copyOf(people);
        unreadable = List.copyOf(unreadable);
    }
}
