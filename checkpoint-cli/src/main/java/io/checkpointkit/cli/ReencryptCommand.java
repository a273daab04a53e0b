package io.checkpointkit.cli;

import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.UnreadableExecution;
import io.checkpointkit.encryption.EncryptingCheckpointStore;
import io.checkpointkit.encryption.EncryptionConfig;
import io.checkpointkit.encryption.KeyProvider;
import io.checkpointkit.encryption.KeyProviders;
import io.checkpointkit.encryption.ReencryptListener;
import io.checkpointkit.encryption.ReencryptSummary;
import io.checkpointkit.spi.Ids;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code checkpointctl reencrypt (--keys-file FILE | --keys-env VAR) [--after EXEC]}. */
@Command(name = "reencrypt", mixinStandardHelpOptions = true,
        description = "Move every encrypted checkpoint of the store to the newest key of the key ring (the last"
                + " key listed), so older keys can be retired. Safe while the application writes; resumable. Keys:"
                + " --keys-file or --keys-env, else $" + ReencryptCommand.KEYS_ENV + ".")
final class ReencryptCommand extends BaseCommand {

    /** The variable read when neither option names the keys. */
    static final String KEYS_ENV = "CHECKPOINT_ENCRYPTION_KEYS";

    @Option(names = "--after", paramLabel = "EXEC",
            description = "Start after this execution id (resume an interrupted run).")
    String after;

    @Override
    public Integer call() {
        if (after != null) {
            Ids.requireValid(after, "--after");
        }
        KeyProvider provider = keyProvider();
        // The backend itself: the pass reads the stored bytes to see which key encrypted them.
        try (CheckpointStore backend = openExisting()) {
            printStore();
            EncryptingCheckpointStore store = EncryptingCheckpointStore.wrap(backend,
                    EncryptionConfig.builder().keyProvider(provider).build());
            out().println("key ring: " + Table.clean(store.keyRing().toString()));
            long total = countExecutions(backend);
            Listener listener = new Listener(ctl.progress(err(), "reencrypt", total));
            ReencryptSummary summary;
            try (Progress progress = listener.progress) {
                summary = store.reencrypt(after, listener);
            } catch (RuntimeException e) {
                listener.last.ifPresent(last -> err().println("interrupted; resume with --after "
                        + Formats.shellQuote(last)));
                throw e;
            }
            printSummary(summary);
            return summary.complete() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    private KeyProvider keyProvider() {
        return ctl.keys().orElseGet(() -> KeyProviders.environment(ctl.env(), KEYS_ENV));
    }

    private long countExecutions(CheckpointStore backend) {
        long count = 0;
        String cursor = after;
        while (true) {
            ExecutionPage page = backend.executions(cursor, 500);
            count += page.items().size();
            Optional<String> next = page.nextAfter();
            if (next.isEmpty()) {
                return count;
            }
            cursor = next.get();
        }
    }

    private void printSummary(ReencryptSummary s) {
        out().println("moved to key " + s.primaryKeyId() + ": " + s.rewritten() + " checkpoints rewritten, "
                + s.current() + " already current, " + s.gone() + " deleted meanwhile, in " + s.executions()
                + " executions (" + s.checkpoints() + " checkpoints read)");
        if (!s.complete()) {
            out().println("not finished: " + s.unreadable() + " unreadable, " + s.contended()
                    + " still being written; fix or wait, then run again");
        }
    }

    /** Advances the bar per execution, remembers where to resume, and prints what cannot be read. */
    private final class Listener implements ReencryptListener {
        final Progress progress;
        Optional<String> last = Optional.empty();

        Listener(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void executionDone(String executionId, ReencryptSummary soFar) {
            last = Optional.of(executionId);
            progress.advance(1);
        }

        @Override
        public void checkpointUnreadable(CheckpointCorruptedException error) {
            err().println("unreadable: " + Table.clean(error.getMessage()));
        }

        @Override
        public void executionUnreadable(UnreadableExecution execution) {
            err().println("unreadable execution " + Table.clean(execution.executionId()) + ": "
                    + Table.clean(execution.reason()));
        }
    }
}
