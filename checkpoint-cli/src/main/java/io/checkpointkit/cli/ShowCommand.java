package io.checkpointkit.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Ids;
import io.checkpointkit.spi.Arguments;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code checkpointctl show CHECKPOINT}: every field of one checkpoint, and its state. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one checkpoint: its fields, metadata, state size and checksum, and the state"
                + " pretty-printed when it is JSON (a hex dump otherwise). Exit code 4 when it does not exist.")
final class ShowCommand extends BaseCommand {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** One array element per line too, so long lists of notes stay readable. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    private static final int HEX_BYTES = 256;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "The checkpoint id.")
    String checkpointId;

    @Option(names = "--max-state", paramLabel = "BYTES", defaultValue = "65536",
            description = "Print the state only up to this size; 0 prints it whatever its size."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxState;

    @Option(names = "--no-state", description = "Do not print the state.")
    boolean noState;

    @Override
    public Integer call() {
        Ids.requireValid(checkpointId, "CHECKPOINT");
        Arguments.requireNotNegative(maxState, "--max-state");
        try (CheckpointStore store = openExistingAtRest()) {
            Optional<Checkpoint> found = store.load(checkpointId);
            printStore();
            if (found.isEmpty()) {
                return fail(ExitCodes.NOT_FOUND, "no checkpoint " + Table.clean(checkpointId));
            }
            Checkpoint c = found.get();
            Table fields = new Table(0, "", "");
            fields.row("id", c.id());
            fields.row("execution", c.executionId());
            fields.row("parent", c.parentId() == null ? "(none)" : c.parentId());
            fields.row("node", c.nodeName().isEmpty() ? "(empty)" : c.nodeName());
            fields.row("timestamp", c.timestamp());
            fields.row("version", c.version());
            fields.row("pinned", c.pinned() ? "yes" : "no");
            fields.row("state", c.stateSize() + " bytes (" + Formats.bytes(c.stateSize()) + "), sha256 "
                    + Fingerprint.sha256(c.state()));
            fields.print(out());
            out().println("metadata:" + (c.metadata().isEmpty() ? " (none)" : ""));
            for (Map.Entry<String, String> e : c.metadata().entrySet()) {
                out().println("  " + Table.clean(e.getKey()) + " = " + Table.clean(e.getValue()));
            }
            if (!noState) {
                printState(out(), c.state());
            }
            return ExitCodes.OK;
        }
    }

    private void printState(PrintWriter out, byte[] state) {
        if (state.length == 0) {
            out.println("state: (empty)");
            return;
        }
        if (maxState > 0 && state.length > maxState) {
            out.println("state: not printed, " + state.length + " bytes is over --max-state " + maxState);
            return;
        }
        Optional<String> json = prettyJson(state);
        if (json.isPresent()) {
            out.println("state (JSON):");
            out.println(json.get());
            return;
        }
        out.println("state (binary" + (state.length > HEX_BYTES ? ", first " + HEX_BYTES + " bytes" : "") + "):");
        hexDump(out, state, Math.min(state.length, HEX_BYTES));
    }

    static Optional<String> prettyJson(byte[] state) {
        try {
            JsonNode node = JSON.readTree(state);
            if (node == null || node.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of(JSON.writer(PRETTY).writeValueAsString(node));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void hexDump(PrintWriter out, byte[] bytes, int length) {
        for (int offset = 0; offset < length; offset += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (int i = offset; i < offset + 16; i++) {
                if (i < length) {
                    int b = bytes[i] & 0xFF;
                    hex.append(String.format("%02x ", b));
                    text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                } else {
                    hex.append("   ");
                }
            }
            out.println(String.format("  %08x  %s %s", offset, hex, text));
        }
    }
}
