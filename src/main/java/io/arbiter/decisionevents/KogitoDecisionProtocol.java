package io.arbiter.decisionevents;

/**
 * The names of Kogito's event-driven decision protocol (add-on {@code kie-addons-quarkus-events-decisions}): the
 * event types and the CloudEvents extension attributes a request carries and a response echoes, plus the two
 * attributes Arbiter adds to say which decision set and version answered (the first also picks a set in a request). Kogito keeps these in its
 * {@code KogitoExtension} (kogito-events-api), which is not on Arbiter's class path at 10.2.0, so they are restated.
 */
public final class KogitoDecisionProtocol {

    public static final String REQUEST = "DecisionRequest";
    public static final String RESPONSE = "DecisionResponse";
    public static final String RESPONSE_FULL = "DecisionResponseFull";
    /** Kogito 1.x answered errors with it; 10.x drops such requests with a log line instead (see docs/api.md). */
    public static final String RESPONSE_ERROR = "DecisionResponseError";

    public static final String MODEL_NAME = "kogitodmnmodelname";
    public static final String MODEL_NAMESPACE = "kogitodmnmodelnamespace";
    /** A decision service of the model, as in Kogito, or (Arbiter's addition) one decision of it. */
    public static final String EVALUATE_DECISION = "kogitodmnevaldecision";
    public static final String FULL_RESULT = "kogitodmnfullresult";
    public static final String FILTERED_CONTEXT = "kogitodmnfilteredctx";

    /**
     * In an answer, the set whose active version answered; in a request (optional), the set to take the model from,
     * for a model that several active sets have (copies of a set keep its models' namespaces).
     */
    public static final String DECISION_SET = "arbiterdecisionset";
    public static final String VERSION = "arbiterversion";

    private KogitoDecisionProtocol() {
    }
}
