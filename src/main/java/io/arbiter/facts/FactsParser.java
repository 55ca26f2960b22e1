package io.arbiter.facts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.arbiter.input.FieldError;
import io.arbiter.input.FieldReader;
import io.arbiter.input.CustomerIds;

/**
 * Turns a JSON facts document into {@link CustomerFacts}, reporting every violation at once with its JSON Pointer.
 * Strict on purpose: no type coercion, no unknown fields (only what the decisions need is stored).
 */
public final class FactsParser {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal MAX_UTILIZATION = BigDecimal.valueOf(5);
    /** Read-only fields a client may echo back from a GET; they are ignored. */
    private static final Set<String> SERVICE_FIELDS = Set.of("version", "updatedAt", "fromEvents", "rfm",
            "expectedPurchases");
    /**
     * Behaviour a customer's events can give instead. A document may leave all of them out (profile only); the
     * store then accepts it only for a customer whose behaviour comes from events.
     */
    public static final List<String> BEHAVIOUR_FIELDS = List.of("recencyDays", "frequency12m", "monetary12m",
            "missedPayments12m", "chargebacks12m", "complaints90d");
    private static final Set<String> FIELDS = Set.of("customerId", "segment", "country", "joinedOn", "consent",
            "recencyDays", "frequency12m", "monetary12m", "clv", "pAlive", "maxDaysPastDue", "missedPayments12m",
            "chargebacks12m", "complaints90d", "fraudFlag", "creditUtilization", "lastContactDays");
    private static final Set<String> ACCEPTED = Stream.concat(FIELDS.stream(), SERVICE_FIELDS.stream())
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> CONSENT_FIELDS = Set.of("marketing", "profiling", "objectsToAutomatedDecisions");

    private final Clock clock;

    public FactsParser(Clock clock) {
        this.clock = clock;
    }

    /**
     * The outcome of parsing: facts when {@code errors} is empty; {@code behaviourGiven} is false for a profile-only
     * document, whose behavioural facts are placeholders.
     */
    public record Result(CustomerFacts facts, boolean behaviourGiven, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Parses a complete facts document, as an evaluation needs: behaviour included. */
    public Result parse(JsonNode node) {
        return parse(node, false);
    }

    /**
     * Parses a document to store: it may leave out all of {@link #BEHAVIOUR_FIELDS} when the customer's behaviour
     * comes from events ({@link CustomerFactsStore#upsert} checks that).
     */
    public Result parseForUpsert(JsonNode node) {
        return parse(node, true);
    }

    private Result parse(JsonNode node, boolean profileOnlyAllowed) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError("", "must be a JSON object"));
            return new Result(null, false, errors);
        }
        FieldReader r = new FieldReader(node, errors);
        r.unknownFields(ACCEPTED, "");
        String customerId = r.string("customerId", true);
        if (customerId != null && !CustomerIds.valid(customerId)) {
            errors.add(new FieldError("/customerId", CustomerIds.RULE));
        }
        Segment segment = r.enumValue("segment", Segment.class);
        String country = r.string("country", true);
        if (country != null && !COUNTRIES.contains(country)) {
            errors.add(new FieldError("/country", "must be an ISO 3166-1 alpha-2 code such as DE or CN"));
        }
        LocalDate joinedOn = r.date("joinedOn");
        if (joinedOn != null && joinedOn.isAfter(LocalDate.now(clock))) {
            errors.add(new FieldError("/joinedOn", "must not be in the future"));
        }
        Consent consent = consent(node.get("consent"), errors);
        boolean behaviourGiven = !profileOnlyAllowed || BEHAVIOUR_FIELDS.stream().anyMatch(node::hasNonNull);
        int recencyDays = r.count("recencyDays", behaviourGiven, 0);
        int frequency12m = r.count("frequency12m", behaviourGiven, 0);
        BigDecimal monetary12m = r.decimal("monetary12m", behaviourGiven, null);
        BigDecimal clv = r.decimal("clv", false, null);
        BigDecimal pAlive = r.decimal("pAlive", false, ONE);
        int maxDaysPastDue = r.count("maxDaysPastDue", true, 0);
        int missedPayments12m = r.count("missedPayments12m", behaviourGiven, 0);
        int chargebacks12m = r.count("chargebacks12m", behaviourGiven, 0);
        int complaints90d = r.count("complaints90d", behaviourGiven, 0);
        Boolean fraudFlag = r.bool(node, "fraudFlag", "/fraudFlag");
        BigDecimal creditUtilization = r.decimal("creditUtilization", false, MAX_UTILIZATION);
        Integer lastContactDays = r.optionalCount("lastContactDays");
        if (!errors.isEmpty()) {
            return new Result(null, false, errors);
        }
        return new Result(new CustomerFacts(customerId, segment, country, joinedOn, consent, recencyDays,
                frequency12m, behaviourGiven ? monetary12m : BigDecimal.ZERO, clv, pAlive, maxDaysPastDue,
                missedPayments12m, chargebacks12m, complaints90d, fraudFlag, creditUtilization, lastContactDays, 0L,
                null, null, null, null), behaviourGiven, errors);
    }

    private static Consent consent(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("/consent", "is required"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("/consent", "must be an object {\"marketing\": bool, \"profiling\": bool}"));
            return null;
        }
        FieldReader r = new FieldReader(node, errors);
        r.unknownFields(CONSENT_FIELDS, "/consent");
        Boolean marketing = r.bool(node, "marketing", "/consent/marketing");
        Boolean profiling = r.bool(node, "profiling", "/consent/profiling");
        // optional: absent means the customer has not objected
        Boolean objects = node.has("objectsToAutomatedDecisions")
                ? r.bool(node, "objectsToAutomatedDecisions", "/consent/objectsToAutomatedDecisions") : Boolean.FALSE;
        return marketing == null || profiling == null || objects == null ? null
                : new Consent(marketing, profiling, objects);
    }
}
