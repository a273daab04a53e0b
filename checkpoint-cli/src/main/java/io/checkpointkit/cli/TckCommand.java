package io.checkpointkit.cli;

import io.checkpointkit.spi.StoreUri;
import io.checkpointkit.tck.Tck;
import io.checkpointkit.tck.TckReport;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code checkpointctl tck [URI]}: runs the compatibility test kit against a live store. The
 * tests isolate themselves with random ids and clear what they wrote, so a shared database is
 * safe. The durability tests reopen the store at the same URI, except for {@code memory:}.
 */
@Command(name = "tck", mixinStandardHelpOptions = true,
        description = {"Run the CheckpointStore TCK against a live store and print the report"
                + " (exit code 1 when a test fails).",
                "Tests use random ids and clear what they wrote; durability tests reopen the store at the"
                        + " same URI (not for memory:)."})
final class TckCommand extends BaseCommand {

    @Mixin
    StoreArgument storeArgument;

    @Override
    public Integer call() {
        String target = storeArgument.resolve(ctl);
        // Parse first: a malformed URI is one usage error, not a hundred failed tests.
        boolean reopenable = !StoreUri.parse(target, Map.of()).scheme().equals("memory");
        ctl.openStore(target).close();
        printStore(target);
        out().println("running the CheckpointStore TCK...");
        out().flush();
        TckReport report = Tck.run(() -> ctl.openStore(target), reopenable ? closed -> ctl.openStore(target) : null);
        out().println(StoreUri.redact(report.summary()));
        return report.successful() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
