package io.arbiter.repository;

import org.infinispan.protostream.annotations.Proto;

/**
 * Where a version stands. Only REJECTED and VALIDATED are stored with a version; ACTIVE and RETIRED follow from the
 * set's pointer, so that activation is one atomic write.
 */
@Proto
public enum VersionStatus {
    REJECTED, VALIDATED, ACTIVE, RETIRED
}
