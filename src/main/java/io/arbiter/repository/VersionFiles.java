package io.arbiter.repository;

import java.util.Map;

import org.infinispan.protostream.annotations.Proto;

/**
 * The files' text of a validated version (file name to text), stored apart from its {@link StoredVersion} so that
 * listing and inspecting versions never loads bundles; rejected versions have none.
 */
@Proto
public record VersionFiles(Map<String, String> files) {
}
