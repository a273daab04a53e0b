package io.checkpointkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version for {@code --version}, from the Maven properties packed in the jar. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        String version = "(development build)";
        try (InputStream in = Version.class.getResourceAsStream(
                "/META-INF/maven/io.checkpointkit/checkpoint-cli/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        }
        return new String[] {"checkpointctl " + version, "Java " + System.getProperty("java.version")};
    }
}
