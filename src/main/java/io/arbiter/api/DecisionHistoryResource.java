package io.arbiter.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.input.FieldError;
import io.arbiter.history.ChangeFeed;
import io.arbiter.history.DecisionRecords;
import io.arbiter.history.HistoryEntry;
import io.arbiter.history.LatestDecision;

/** Stored decisions: a customer's latest decisions and history, and the change feed for downstream systems. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"channel", "analyst", "approver", "admin"})
public class DecisionHistoryResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final DecisionRecords records;
    private final ChangeFeed feed;
    private final CustomerFactsStore facts;

    DecisionHistoryResource(DecisionRecords records, ChangeFeed feed, CustomerFactsStore facts) {
        this.records = records;
        this.feed = feed;
        this.facts = facts;
    }

    /** Outcome changes of the customer, newest first. */
    @GET
    @Path("customers/{customerId}/decisions")
    public List<HistoryEntry> history(@PathParam("customerId") String customerId) {
        CustomerEndpoints.requireValidId(customerId);
        List<HistoryEntry> history = records.history(customerId);
        if (history.isEmpty() && facts.find(customerId).isEmpty()) {
            throw ProblemException.notFound("no customer " + customerId);
        }
        return history;
    }

    /** The customer's latest stored decision with each decision set. */
    @GET
    @Path("customers/{customerId}/decisions/latest")
    public List<LatestDecision> latest(@PathParam("customerId") String customerId) {
        CustomerEndpoints.requireValidId(customerId);
        List<LatestDecision> latest = records.latest(customerId);
        if (latest.isEmpty() && facts.find(customerId).isEmpty()) {
            throw ProblemException.notFound("no customer " + customerId);
        }
        return latest;
    }

    /** Outcome changes after a cursor, oldest first; without {@code after}, from the oldest retained. */
    @GET
    @Path("decision-changes")
    public ChangeFeed.Page changes(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        return feed.after(number(after, "after", 0, 0, Long.MAX_VALUE),
                (int) number(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    static long number(String text, String name, long absent, long min, long max) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ProblemException.invalid("query parameter " + name + " is not valid",
                List.of(new FieldError(name, "must be a whole number from " + min + " to " + max)));
    }
}
