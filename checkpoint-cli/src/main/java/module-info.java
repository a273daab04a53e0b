/**
 * {@code checkpointctl}, the operator's command line. An application: it exports nothing. The
 * backends are not required; they are found at run time by {@link java.util.ServiceLoader}.
 *
 * <p>Its package is opened to picocli (which sets the annotated option fields) and to Jackson
 * (which reads and writes the demo's state record).
 */
module io.checkpointkit.cli {
    requires io.checkpointkit;
    requires io.checkpointkit.encryption;
    requires io.checkpointkit.compression;
    requires io.checkpointkit.tck;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    opens io.checkpointkit.cli to info.picocli, com.fasterxml.jackson.databind;
}
