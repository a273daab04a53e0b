/**
 * Authenticated encryption of checkpoint states,
 * {@link io.checkpointkit.encryption.EncryptingCheckpointStore}, with a key ring that rotates
 * without a restart. JDK cryptography only ({@code javax.crypto}, AES-256-GCM).
 */
module io.checkpointkit.encryption {
    requires transitive io.checkpointkit;
    requires org.slf4j;

    exports io.checkpointkit.encryption;
}
