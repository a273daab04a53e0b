package io.checkpointkit.cli;

import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.encryption.KeyProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code checkpointctl migrate --from URI --to URI}: copies every execution, then verifies.
 *
 * <p>Re-runnable: a checkpoint already in the target with the same id and the same
 * {@link Fingerprint} (every field but the version, state by SHA-256) is skipped. Versions are
 * not compared because the target assigns its own. Everything else is written with version 0,
 * an unconditional upsert, so a half-copied or changed checkpoint is overwritten.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copy every execution from one store to another, then verify counts and state checksums"
                + " (exit code 1 on any mismatch).",
                "Safe to interrupt and run again: checkpoints already in the target with the same id, fields"
                        + " and state checksum are skipped. Versions are not compared: the target assigns its own."})
final class MigrateCommand extends BaseCommand {

    private static final int MAX_REPORTED = 20;

    @Option(names = "--from", paramLabel = "URI",
            description = "The source store; default: " + StoreArgument.DEFAULT + ".")
    String from;

    @Option(names = "--to", paramLabel = "URI", required = true, description = "The target store.")
    String to;

    @Option(names = "--to-keys-file", paramLabel = "FILE",
            description = "Encrypt what is written to the target with these keys (same format as --keys-file,"
                    + " which applies to the source).")
    Path toKeysFile;

    @Option(names = "--to-keys-env", paramLabel = "VAR",
            description = "Like --to-keys-file, the keys read from this environment variable.")
    String toKeysEnv;

    @Option(names = "--compress",
            description = "Compress what is written to the target (zstd level 3, states of 1 KiB or more).")
    boolean compress;

    @Option(names = "--verify-only", description = "Copy nothing; only compare the two stores.")
    boolean verifyOnly;

    private long copied;
    private long skipped;
    private long sourceCheckpoints;
    private long targetCheckpoints;
    private final List<String> problems = new ArrayList<>();
    private long problemCount;
    private long unreadable;

    @Override
    public Integer call() {
        String from = ctl.storeUri(this.from);
        if (from.equals(to)) {
            throw new IllegalArgumentException("--from and --to name the same store: " + CheckpointCtl.display(from));
        }
        Optional<KeyProvider> targetKeys = StateAtRest.keys(toKeysFile, toKeysEnv, ctl.env(),
                "--to-keys-file", "--to-keys-env");
        try (CheckpointStore source = ctl.openExistingAtRest(from);
             CheckpointStore target = StateAtRest.wrap(ctl.openStore(to), targetKeys, compress)) {
            out().println("from: " + CheckpointCtl.display(from));
            out().println("to:   " + CheckpointCtl.display(to));
            out().flush();
            // The bars count checkpoints, so one huge execution still shows progress.
            Walk.Totals totals = Walk.totals(source);
            long executions = totals.executions();
            if (!verifyOnly) {
                try (Progress progress = ctl.progress(err(), "copy  ", totals.checkpoints())) {
                    // Unreadable executions are skipped here and reported once, by the verification.
                    Walk.executions(source, info -> copy(source, target, info.executionId(), progress));
                }
            }
            try (Progress progress = ctl.progress(err(), "verify", totals.checkpoints())) {
                Walk.executions(source, info -> {
                    verify(source, target, info.executionId());
                    progress.advance(info.checkpointCount());
                }, execution -> {
                    unreadable++;
                    problem("execution " + execution.executionId() + ": cannot be read in the source, not copied: "
                            + execution.reason());
                });
            }
            Table summary = new Table(0, "", ">");
            summary.row("executions", executions);
            if (unreadable > 0) {
                summary.row("unreadable executions (not copied)", unreadable);
            }
            summary.row("checkpoints in source", sourceCheckpoints);
            summary.row("checkpoints in target", targetCheckpoints);
            if (!verifyOnly) {
                summary.row("copied", copied);
                summary.row("skipped (already there)", skipped);
            }
            summary.row("mismatches", problemCount);
            summary.print(out());
            if (problemCount == 0) {
                out().println("verified: every checkpoint of the source is in the target with the same fields"
                        + " and state checksum");
                return ExitCodes.OK;
            }
            problems.forEach(p -> err().println("mismatch: " + p));
            if (problemCount > problems.size()) {
                err().println("… and " + (problemCount - problems.size()) + " more mismatches");
            }
            return fail(ExitCodes.CHECK_FAILED, "verification failed with " + problemCount + " mismatches");
        }
    }

    private void copy(CheckpointStore source, CheckpointStore target, String executionId, Progress progress) {
        Map<String, Fingerprint> there = fingerprints(target, executionId);
        Walk.checkpoints(source, executionId, c -> {
            progress.advance(1);
            if (Fingerprint.of(c).equals(there.get(c.id()))) {
                skipped++;
                return;
            }
            try {
                target.save(c.withVersion(0));
                copied++;
            } catch (CheckpointConflictException e) {
                // The id belongs to another execution in the target; verification reports it.
            }
        });
    }

    private void verify(CheckpointStore source, CheckpointStore target, String executionId) {
        Map<String, Fingerprint> expected = fingerprints(source, executionId);
        Map<String, Fingerprint> actual = fingerprints(target, executionId);
        sourceCheckpoints += expected.size();
        targetCheckpoints += actual.size();
        if (expected.size() != actual.size()) {
            problem("execution " + executionId + ": " + expected.size() + " checkpoints in the source, "
                    + actual.size() + " in the target");
        }
        expected.forEach((id, fingerprint) -> {
            Fingerprint found = actual.get(id);
            if (found == null) {
                problem("execution " + executionId + ", checkpoint " + id + ": missing in the target");
            } else if (!found.stateSha256().equals(fingerprint.stateSha256())) {
                problem("execution " + executionId + ", checkpoint " + id + ": state checksum "
                        + found.stateSha256() + " in the target, " + fingerprint.stateSha256() + " in the source");
            } else if (!found.equals(fingerprint)) {
                problem("execution " + executionId + ", checkpoint " + id + ": fields differ: target " + found
                        + ", source " + fingerprint);
            }
        });
        actual.keySet().stream().filter(id -> !expected.containsKey(id)).forEach(id ->
                problem("execution " + executionId + ", checkpoint " + id + ": in the target only"));
    }

    private void problem(String text) {
        problemCount++;
        if (problems.size() < MAX_REPORTED) {
            problems.add(Table.clean(text));
        }
    }

    private static Map<String, Fingerprint> fingerprints(CheckpointStore store, String executionId) {
        Map<String, Fingerprint> map = new HashMap<>();
        Walk.checkpoints(store, executionId, c -> map.put(c.id(), Fingerprint.of(c)));
        return map;
    }
}
