package io.checkpointkit.springboot.autoconfigure;

import static io.checkpointkit.springboot.autoconfigure.InvalidCheckpointKitPropertyException.check;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.encryption.EncryptingCheckpointStore;
import io.checkpointkit.encryption.EncryptionConfig;
import io.checkpointkit.encryption.EncryptionKey;
import io.checkpointkit.encryption.KeyProvider;
import io.checkpointkit.encryption.KeyProviders;
import io.checkpointkit.encryption.KeyRing;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Encryption's part of the chain; loaded only when checkpoint-encryption is on the class path.
 * Messages name the key source (a path, a variable name, a bean) and key ids, never key material:
 * the library's own messages are built that way, and nothing here adds a key's value.
 */
final class EncryptionSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EncryptionSupport.class);

    static final String CLASS = "io.checkpointkit.encryption.EncryptingCheckpointStore";
    private static final String PREFIX = CheckpointKitProperties.PREFIX + ".encryption.";
    static final String ENABLED = PREFIX + "enabled";
    static final String KEYS_FILE = PREFIX + "keys-file";
    static final String KEYS_ENV = PREFIX + "keys-env";

    private EncryptionSupport() {
    }

    /**
     * The encryption settings, with the key source asked once now, so a missing or malformed
     * source stops start-up before the store is opened.
     *
     * @param environment the process environment ({@link System#getenv()}; tests pass a map)
     */
    static Object config(EncryptionProperties p, ListableBeanFactory beans, Map<String, String> environment) {
        KeyProvider provider = beans.getBeanProvider(KeyProvider.class).getIfUnique();
        String source = "the application's KeyProvider bean";
        if (provider == null && beans.getBeanNamesForType(KeyProvider.class).length > 1) {
            throw new InvalidCheckpointKitPropertyException(ENABLED, "the application has several KeyProvider beans "
                    + Arrays.toString(beans.getBeanNamesForType(KeyProvider.class)) + ": mark the one to use"
                    + " @Primary", null);
        }
        if (provider == null) {
            provider = fromProperties(p, environment);
            source = describe(p);
        }
        KeyRing first;
        try {
            first = provider.keyRing();
        } catch (RuntimeException e) {
            // The library's providers were asked when made; this is the bean (or a file changed since).
            throw new InvalidCheckpointKitPropertyException(ENABLED, source + " failed to give the first key ring: "
                    + e.getClass().getName() + ": " + e.getMessage(), null);
        }
        if (p.getRefreshInterval() == null) {
            throw new InvalidCheckpointKitPropertyException(PREFIX + "refresh-interval", "must be set", null);
        }
        EncryptionConfig.Builder b = EncryptionConfig.builder().keyProvider(provider);
        check(PREFIX + "refresh-interval", () -> b.refreshInterval(p.getRefreshInterval()));
        EncryptionConfig config = b.build();
        // KeyRing.toString names key ids only.
        LOG.info("CheckpointKit encrypts states with keys from {}: {}", source, first);
        return config;
    }

    static CheckpointStore wrap(CheckpointStore chain, Object config) {
        return EncryptingCheckpointStore.wrap(chain, (EncryptionConfig) config);
    }

    private static KeyProvider fromProperties(EncryptionProperties p, Map<String, String> environment) {
        String file = text(p.getKeysFile());
        String variable = text(p.getKeysEnv());
        if (file.isEmpty() && variable.isEmpty()) {
            throw new InvalidCheckpointKitPropertyException(ENABLED, "encryption needs keys: set " + KEYS_FILE
                    + " (a key file) or " + KEYS_ENV + " (the name of an environment variable holding keys), or"
                    + " define a io.checkpointkit.encryption.KeyProvider bean", null);
        }
        KeyProvider fromFile = file.isEmpty() ? null : fromFile(file);
        KeyProvider fromEnvironment = variable.isEmpty() ? null : fromEnvironment(environment, variable);
        if (fromFile == null || fromEnvironment == null) {
            return fromFile == null ? fromEnvironment : fromFile;
        }
        KeyProvider both = () -> merge(fromEnvironment.keyRing(), fromFile.keyRing());
        try {
            both.keyRing();
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointKitPropertyException(KEYS_FILE + " / " + KEYS_ENV, e.getMessage(), null);
        }
        return both;
    }

    private static String describe(EncryptionProperties p) {
        String file = text(p.getKeysFile());
        String variable = text(p.getKeysEnv());
        String fromFile = "key file " + file + " (" + KEYS_FILE + ")";
        String fromVariable = "environment variable " + variable + " (" + KEYS_ENV + ")";
        return file.isEmpty() ? fromVariable : variable.isEmpty() ? fromFile : fromVariable + " and " + fromFile;
    }

    private static String text(String property) {
        return property == null ? "" : property.strip();
    }

    private static KeyProvider fromFile(String file) {
        try {
            return KeyProviders.file(Path.of(file));
        } catch (InvalidPathException | UncheckedIOException e) {
            throw new InvalidCheckpointKitPropertyException(KEYS_FILE, "cannot read the key file " + file + ": "
                    + (e instanceof UncheckedIOException u ? u.getCause() : e), null);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointKitPropertyException(KEYS_FILE, e.getMessage(), null);
        }
    }

    private static KeyProvider fromEnvironment(Map<String, String> environment, String variable) {
        try {
            return KeyProviders.environment(environment, variable);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointKitPropertyException(KEYS_ENV, e.getMessage(), null);
        }
    }

    /** The variable's keys, then the file's; the file's primary encrypts (rotation edits the file). */
    private static KeyRing merge(KeyRing environment, KeyRing file) {
        List<EncryptionKey> keys = new ArrayList<>();
        for (KeyRing ring : List.of(environment, file)) {
            for (String id : ring.keyIds()) {
                keys.add(ring.key(id).orElseThrow());
            }
        }
        return KeyRing.of(keys, file.primary().id());
    }
}
