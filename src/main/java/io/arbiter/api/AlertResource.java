package io.arbiter.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.arbiter.alerting.AlertId;
import io.arbiter.alerting.AlertStore;
import io.arbiter.alerting.StoredAlert;
import io.arbiter.engine.alerts.AlertLevel;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.input.FieldError;

/**
 * Alerts raised when customers' outcomes changed for the worse: listed (as the change feed is read: by the systems
 * and people that read decisions), and acknowledged by the people who work them.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"channel", "analyst", "approver", "admin"})
public class AlertResource {

    private final AlertStore alerts;
    private final CustomerFactsStore facts;

    AlertResource(AlertStore alerts, CustomerFactsStore facts) {
        this.alerts = alerts;
        this.facts = facts;
    }

    /** Alerts in id order (the order of the changes that raised them), of a level, after an id. */
    @GET
    @Path("alerts")
    public AlertStore.Page list(@QueryParam("level") String level, @QueryParam("after") String after,
                                @QueryParam("limit") String limit) {
        return alerts.list(level(level), after(after), (int) DecisionHistoryResource.number(limit, "limit",
                DecisionHistoryResource.DEFAULT_LIMIT, 1, DecisionHistoryResource.MAX_LIMIT));
    }

    /** Every alert raised on the customer's outcome changes, in id order. */
    @GET
    @Path("customers/{customerId}/alerts")
    public List<StoredAlert> forCustomer(@PathParam("customerId") String customerId) {
        CustomerEndpoints.requireValidId(customerId);
        List<StoredAlert> found = alerts.forCustomer(customerId);
        if (found.isEmpty() && facts.find(customerId).isEmpty()) {
            throw ProblemException.notFound("no customer " + customerId);
        }
        return found;
    }

    /** Marks the alert worked: by whom and when, once (a second acknowledgement is a 409 naming the first). */
    @POST
    @Path("alerts/{id}/ack")
    @RolesAllowed({"analyst", "approver", "admin"})
    public StoredAlert acknowledge(@PathParam("id") String id, SecurityContext security) {
        AlertId alertId = AlertId.parse(id).orElseThrow(() -> ProblemException.invalid("the alert id in the path is"
                + " not valid", List.of(new FieldError("id", "an alert id: <cursor>-<index>, as listed"))));
        return alerts.acknowledge(alertId, security.getUserPrincipal().getName());
    }

    private static Optional<String> level(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (Arrays.stream(AlertLevel.values()).noneMatch(l -> l.name().equals(text))) {
            throw ProblemException.invalid("query parameter level is not valid", List.of(new FieldError("level",
                    "must be one of " + String.join(", ", Arrays.stream(AlertLevel.values()).map(Enum::name).toList()))));
        }
        return Optional.of(text);
    }

    private static Optional<AlertId> after(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AlertId.parse(text).orElseThrow(() -> ProblemException.invalid("query parameter after is"
                + " not valid", List.of(new FieldError("after", "an alert id: <cursor>-<index>, as listed")))));
    }
}
