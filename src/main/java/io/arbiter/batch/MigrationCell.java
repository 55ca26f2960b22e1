package io.arbiter.batch;

import java.util.List;

import org.infinispan.protostream.annotations.Proto;

/** One cell of a migration matrix: how many customers went from one value to another, and a few of them. */
@Proto
public record MigrationCell(String from, String to, long count, List<String> samples) {
}
