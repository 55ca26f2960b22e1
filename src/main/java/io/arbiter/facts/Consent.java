package io.arbiter.facts;

import org.infinispan.protostream.annotations.Proto;

/**
 * What the customer agreed to: marketing contact and profiling (GDPR art. 6/21, PIPL art. 13/24), and whether they
 * object to decisions made about them by automated means alone (GDPR art. 21/22, PIPL art. 24). The objection is
 * stored as such, not as a consent, so that facts stored before it existed read as "no objection".
 */
@Proto
public record Consent(boolean marketing, boolean profiling, boolean objectsToAutomatedDecisions) {
}
