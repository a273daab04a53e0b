package io.checkpointkit.springboot.autoconfigure;

import java.time.Duration;

/**
 * {@code checkpointkit.encryption.*}: EncryptingCheckpointStore (needs checkpoint-encryption).
 * The keys come from a {@code KeyProvider} bean of the application when there is one (it wins
 * over the properties), else from {@code keys-file} and/or {@code keys-env}. The properties name
 * where the keys are, never the keys themselves.
 */
public class EncryptionProperties {

    /** Whether states are encrypted (AES-256-GCM) on their way to the store; needs keys. */
    private boolean enabled = false;

    /**
     * The path of a key file (lines id=Base64 of 32 bytes, the last one encrypts), read again at
     * every refresh so rotation is editing the file; empty: none. Ignored when a KeyProvider bean
     * exists.
     */
    private String keysFile = "";

    /**
     * The name (not the value) of an environment variable holding keys in the key file's format,
     * read once; empty: none. With keys-file too, its keys come first and the file's primary key
     * encrypts. Ignored when a KeyProvider bean exists.
     */
    private String keysEnv = "";

    /** How old the store's copy of the key ring may get before the key source is asked again. */
    private Duration refreshInterval = Duration.ofMinutes(1);

    /** Creates the group with its defaults; Spring binds it. */
    public EncryptionProperties() {
    }

    /** @return whether encryption is on */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether encryption is on */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the path of the key file, or empty */
    public String getKeysFile() {
        return keysFile;
    }

    /** @param keysFile the path of the key file, or empty */
    public void setKeysFile(String keysFile) {
        this.keysFile = keysFile;
    }

    /** @return the name of the environment variable holding keys, or empty */
    public String getKeysEnv() {
        return keysEnv;
    }

    /** @param keysEnv the name of the environment variable holding keys, or empty */
    public void setKeysEnv(String keysEnv) {
        this.keysEnv = keysEnv;
    }

    /** @return how old the ring copy may get */
    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    /** @param refreshInterval how old the ring copy may get */
    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }
}
