package io.arbiter.engine;

/** The customer is known only from events: without segment, country, joinedOn and consent there is no decision. */
public class ProfileMissingException extends RuntimeException {

    public ProfileMissingException(String customerId) {
        super("customer " + customerId + " has no profile facts yet (segment, country, joinedOn, consent)");
    }
}
