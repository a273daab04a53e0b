package io.checkpointkit.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor under {@link StateAtRestBenchmark}'s {@code encryption} variant: the JDK's
 * AES-256-GCM alone, without a store, a {@code Checkpoint} or a copy of ours. One operation is
 * what a save and a load through {@code EncryptingCheckpointStore} cannot do without: a fresh
 * random nonce, a {@link Cipher} got and initialised, the associated data, the state
 * ({@link AgentStateJson}, the same bytes as in {@link StateAtRestBenchmark}) encrypted, then a
 * second {@link Cipher} that checks the tag and decrypts it.
 *
 * <p>Run it in the same JMH run as {@link StateAtRestBenchmark}: (encryption − none) of a backend
 * can come down to this figure at best, so when this figure alone is more than 20 % of a
 * backend's plain save + load, issue 19's overhead target cannot be met on that backend by any
 * decorator built on the JDK's AES-GCM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AesGcmFloorBenchmark {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;
    /** The length of the associated data the decorator builds: header plus both ids. */
    private static final int AAD_BYTES = 64;

    /** The state size in bytes, as in {@link StateAtRestBenchmark}. */
    @Param({"1024", "65536", "1048576"})
    public int stateBytes;

    private final SecureRandom random = new SecureRandom();
    private SecretKeySpec key;
    private byte[] state;
    private final byte[] associatedData = new byte[AAD_BYTES];

    /** Makes a random 256-bit key and the state. */
    @Setup
    public void setUp() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        key = new SecretKeySpec(secret, "AES");
        state = AgentStateJson.of(stateBytes, 42);
    }

    /** Encrypts the state, then decrypts it: the cipher work of one save and one load. */
    @Benchmark
    public byte[] encryptThenDecrypt() throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        Cipher encrypt = Cipher.getInstance(TRANSFORMATION);
        encrypt.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        encrypt.updateAAD(associatedData);
        byte[] sealed = encrypt.doFinal(state);
        Cipher decrypt = Cipher.getInstance(TRANSFORMATION);
        decrypt.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        decrypt.updateAAD(associatedData);
        return decrypt.doFinal(sealed);
    }
}
