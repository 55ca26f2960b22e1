package io.arbiter.repository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.infinispan.Cache;
import org.jboss.logging.Logger;

import io.arbiter.audit.AuditTrail;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.store.AtomicUpdates;
import io.arbiter.validation.BundleValidator;
import io.arbiter.validation.ValidationReport;

/**
 * Published decision-set versions and which one is active. Publishing validates first, then writes the version:
 * its metadata (file names, sizes and digests, author, time, validation report) in one put, preceded for a
 * validated version by its files' text in another cache; a rejected version's text is not kept. The version number
 * comes from an atomic {@code compute} on the set's pointer, so concurrent publications get distinct numbers.
 * Activation and rollback are one atomic write to the pointer; {@link ActiveVersionSync} turns that write into the
 * compiled snapshot each node evaluates with.
 */
@ApplicationScoped
public class DecisionRepository {

    public static final Pattern SET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final String SYSTEM = "system";
    private static final Logger LOG = Logger.getLogger(DecisionRepository.class);
    private static final String SHIPPED = "shipped with the service";
    /** A version's comment is a note on what changed and why, stored with it and listed with every version. */
    static final int MAX_COMMENT_CHARS = 1000;

    /** What a publication produced. */
    public record Publication(String decisionSet, long version, VersionStatus status, List<ReportEntry> report) {
    }

    /** One version as listed. */
    public record VersionSummary(long version, VersionStatus status, String author, java.time.Instant createdAt,
                                 String comment) {
    }

    /** A set as listed: its active version (null when none) and its versions, oldest first. */
    public record SetSummary(String name, Long activeVersion, List<VersionSummary> versions) {
    }

    /**
     * One version in full, without file contents (each file has its own resource, while {@code contentKept}):
     * {@code files} names them, {@code fileInfo} gives each one's size and SHA-256, both in name order.
     */
    public record VersionDetail(String decisionSet, long version, VersionStatus status, String author,
                                java.time.Instant createdAt, Long parentVersion, String comment, List<String> files,
                                List<StoredFile> fileInfo, boolean contentKept, List<ReportEntry> report) {
    }

    private final Cache<String, StoredVersion> versions;
    private final Cache<String, VersionFiles> contents;
    private final Cache<String, SetPointer> pointers;
    private final AuditTrail audit;
    private final BundleValidator validator;
    private final VersionSnapshots snapshots;
    private final AheadCompilation aheadCompilation;
    private final Clock clock;
    private final Event<VersionValidated> validatedEvents;

    DecisionRepository(RepositoryCaches caches, BundleValidator validator, VersionSnapshots snapshots, Clock clock,
                       Event<VersionValidated> validatedEvents, AheadCompilation aheadCompilation, AuditTrail audit) {
        this.versions = caches.versions();
        this.contents = caches.versionFiles();
        this.pointers = caches.pointers();
        this.audit = audit;
        this.validator = validator;
        this.snapshots = snapshots;
        this.clock = clock;
        this.validatedEvents = validatedEvents;
        this.aheadCompilation = aheadCompilation;
    }

    public Publication publish(String name, Map<String, String> files, String comment, String author) {
        requireName(name);
        if (comment != null && comment.length() > MAX_COMMENT_CHARS) {
            throw new RepositoryException(RepositoryException.Kind.INVALID, "the comment has " + comment.length()
                    + " characters; at most " + MAX_COMMENT_CHARS + " are accepted");
        }
        SetPointer pointer = AtomicUpdates.update(pointers, name,
                p -> (p == null ? SetPointer.first(name) : p).nextVersion());
        long version = pointer.latestVersion();
        BundleValidator.ValidatedBundle validated = validator.validate(new DecisionSetBundle(name, files), version);
        ValidationReport report = validated.report();
        VersionStatus status = report.accepted() ? VersionStatus.VALIDATED : VersionStatus.REJECTED;
        List<ReportEntry> entries = StoredReport.of(report.messages());
        StoredVersion stored = new StoredVersion(name, version, identities(files), author, clock.instant(),
                pointer.activeVersion(), comment == null ? "" : comment, status, entries);
        store(stored, files);
        // the candidate the gate compiled is this version's snapshot: activating it soon after is a swap, not a compile
        validated.compiled().ifPresent(snapshots::keep);
        record(author, status == VersionStatus.VALIDATED ? "PUBLISH" : "REJECT", name, version,
                status == VersionStatus.VALIDATED ? comment : report.messages().size() + " findings, first: "
                        + entries.stream().filter(e -> e.severity().equals("ERROR")).findFirst().map(ReportEntry::text).orElse(""));
        if (status == VersionStatus.VALIDATED) {
            validatedEvents.fire(new VersionValidated(name, version, author));
        }
        return new Publication(name, version, status, entries);
    }

    /**
     * The text before the metadata: a crash between the two puts leaves text that no version refers to (its number is
     * never handed out again, or, for a shipped version 1, it is written again), never a version whose text is missing.
     */
    private void store(StoredVersion stored, Map<String, String> files) {
        String key = StoredVersion.key(stored.decisionSet(), stored.version());
        if (stored.contentKept()) {
            contents.put(key, new VersionFiles(Map.copyOf(files)));
        }
        versions.put(key, stored);
    }

    /** Makes {@code version} the active one. The approver may not be its author unless an admin. */
    public SetPointer activate(String name, long version, String actor, boolean admin) {
        StoredVersion stored = requireVersion(name, version);
        if (stored.validation() == VersionStatus.REJECTED) {
            throw new RepositoryException(RepositoryException.Kind.CONFLICT,
                    "version " + version + " of " + name + " was rejected by validation and cannot be activated");
        }
        if (!admin && stored.author().equals(actor)) {
            throw new RepositoryException(RepositoryException.Kind.FORBIDDEN,
                    "the author of a version may not activate it (four-eyes rule); another approver must");
        }
        // every member compiles a validated version when it arrives; once all have, the pointer write is a swap
        requireNoRollout(pointer(name), "activate another version");
        aheadCompilation.awaitEverywhere(name, version);
        SetPointer pointer = AtomicUpdates.update(pointers, name, p -> {
            requireNoRollout(p, "activate another version");
            return p.activate(version, clock.instant());
        });
        record(actor, "ACTIVATE", name, version, "");
        return pointer;
    }

    /** Back to the previously active version. */
    public SetPointer rollback(String name, String actor) {
        SetPointer current = pointer(name);
        requireNoRollout(current, "roll back");
        if (current.previousActive().isEmpty()) {
            throw new RepositoryException(RepositoryException.Kind.CONFLICT,
                    "decision set " + name + " has no previously active version to roll back to");
        }
        boolean[] rolledBack = new boolean[1];
        // A concurrent rollback may have used up the history since the check above: then nothing changes here.
        SetPointer pointer = AtomicUpdates.update(pointers, name, p -> {
            requireNoRollout(p, "roll back");
            rolledBack[0] = !p.previousActive().isEmpty();
            return rolledBack[0] ? p.rollback(clock.instant()) : p;
        });
        if (!rolledBack[0]) {
            throw new RepositoryException(RepositoryException.Kind.CONFLICT,
                    "decision set " + name + " has no previously active version to roll back to");
        }
        record(actor, "ROLLBACK", name, pointer.activeVersion(), "from version " + current.activeVersion());
        return pointer;
    }

    /**
     * Pins the window drift is measured against ({@code baseline} null: back to the window in which the active version
     * became active).
     */
    public SetPointer pinDriftBaseline(String name, java.time.Instant baseline, String actor) {
        pointer(name);
        SetPointer pointer = AtomicUpdates.update(pointers, name, p -> p.withDriftBaseline(baseline));
        record(actor, "DRIFT_BASELINE", name, pointer.activeVersion(), baseline == null
                ? "the window of the activation" : "the window from " + baseline);
        return pointer;
    }

    /**
     * Stores the shipped set, passed through the gate, as its version 1 and makes it active, unless the set exists;
     * true when this call installed it. A crash leaves the set absent or whole: the version's files, then its record,
     * then the pointer, already active, each in one {@code putIfAbsent}, so a start after a crash completes what is
     * missing. The nodes of a cluster that start at once never overwrite each other: the first files and the first
     * record stay, and the node whose pointer lands installs the set and records it in the audit chain. A node whose
     * shipped files differ from version 1 already stored (an image other than the first node's) installs nothing and
     * follows the stored version. No activation waits for the other members' compiles ({@link AheadCompilation}):
     * none serves the set yet, and each compiles the active version before it reports ready.
     */
    public boolean bootstrap(ShippedSets.Prepared shipped) {
        String name = shipped.bundle().name();
        if (pointers.containsKey(name)) {
            return false;
        }
        ValidationReport report = shipped.validated().report();
        if (!report.accepted()) {
            throw new IllegalStateException("the shipped decision set " + name + " fails validation: " + report);
        }
        Map<String, String> files = shipped.bundle().files();
        String key = StoredVersion.key(name, 1);
        VersionFiles stored = contents.putIfAbsent(key, new VersionFiles(Map.copyOf(files)));
        if (stored != null && !stored.files().equals(files)) {
            LOG.warnf("decision set %s: version 1 is stored with other files than this node ships (another image"
                    + " installed it), so this node follows the stored version", name);
            return false;
        }
        Instant now = clock.instant();
        versions.putIfAbsent(key, new StoredVersion(name, 1, identities(files), SYSTEM, now, 0, SHIPPED,
                VersionStatus.VALIDATED, StoredReport.of(report.messages())));
        if (pointers.putIfAbsent(name, SetPointer.first(name).nextVersion().activate(1, now)) != null) {
            return false;
        }
        shipped.validated().compiled().ifPresent(snapshots::keep);
        record(SYSTEM, "PUBLISH", name, 1, SHIPPED);
        record(SYSTEM, "ACTIVATE", name, 1, "");
        return true;
    }

    /** Each file's name, size and SHA-256, in name order. */
    private static List<StoredFile> identities(Map<String, String> files) {
        return files.entrySet().stream().map(f -> StoredFile.of(f.getKey(), f.getValue()))
                .sorted(Comparator.comparing(StoredFile::name)).toList();
    }

    public Optional<StoredVersion> version(String name, long version) {
        return Optional.ofNullable(versions.get(StoredVersion.key(name, version)));
    }

    /** The stored version; a {@link RepositoryException.Kind#NOT_FOUND} when there is none. */
    public StoredVersion requireVersion(String name, long version) {
        return version(name, version).orElseThrow(() -> new RepositoryException(RepositoryException.Kind.NOT_FOUND,
                "decision set " + name + " has no version " + version));
    }

    /**
     * The files' text of a stored version (file name to text): the one way to a version's content. A
     * {@link RepositoryException.Kind#CONFLICT} for a rejected version, whose text was not kept.
     */
    public Map<String, String> files(String name, long version) {
        StoredVersion stored = requireVersion(name, version);
        if (!stored.contentKept()) {
            throw new RepositoryException(RepositoryException.Kind.CONFLICT, "version " + version + " of " + name
                    + " was rejected by validation: the content of rejected publications is not kept; the report and"
                    + " the files' sizes and SHA-256 digests are (GET .../versions/" + version + ")");
        }
        VersionFiles content = contents.get(StoredVersion.key(name, version));
        if (content == null) {
            throw new IllegalStateException("the files of version " + version + " of " + name + " are missing from "
                    + RepositoryCaches.DECISION_VERSION_FILES + ", though they are written before the version");
        }
        return content.files();
    }

    public Optional<SetPointer> find(String name) {
        return Optional.ofNullable(pointers.get(name));
    }

    public List<String> names() {
        return pointers.keySet().stream().sorted().toList();
    }

    public SetSummary summary(String name) {
        SetPointer pointer = pointer(name);
        List<VersionSummary> list = new ArrayList<>();
        for (long v = 1; v <= pointer.latestVersion(); v++) {
            version(name, v).ifPresent(s -> list.add(new VersionSummary(s.version(),
                    pointer.statusOf(s.version(), s.validation()), s.author(), s.createdAt(), s.comment())));
        }
        return new SetSummary(name, pointer.activeVersion() == 0 ? null : pointer.activeVersion(), list);
    }

    public VersionDetail detail(String name, long version) {
        SetPointer pointer = pointer(name);
        StoredVersion s = requireVersion(name, version);
        return new VersionDetail(name, version, pointer.statusOf(version, s.validation()), s.author(), s.createdAt(),
                s.parentVersion() == 0 ? null : s.parentVersion(), s.comment(),
                s.files().stream().map(StoredFile::name).toList(), s.files(), s.contentKept(), s.report());
    }

    /**
     * A rollout compares its challenger with the active version: changing the active version under it would compare
     * something else than what the approver started, so it is promoted or aborted first.
     */
    static void requireNoRollout(SetPointer pointer, String what) {
        if (pointer.rollout() != null) {
            throw new RepositoryException(RepositoryException.Kind.CONFLICT, "decision set " + pointer.decisionSet()
                    + " has a rollout of version " + pointer.rollout().challenger() + " running: promote or abort it"
                    + " before you " + what);
        }
    }

    SetPointer pointer(String name) {
        return find(name).orElseThrow(() -> new RepositoryException(RepositoryException.Kind.NOT_FOUND,
                "no decision set " + name));
    }

    private void record(String actor, String action, String name, long version, String detail) {
        audit.append(actor, action, name, version, detail);
    }

    private static void requireName(String name) {
        if (!SET_NAME.matcher(name).matches()) {
            throw new RepositoryException(RepositoryException.Kind.INVALID,
                    "decision set names are 1-64 characters of a-z 0-9 . _ - starting with a letter or digit");
        }
    }
}
