package io.checkpointkit.compression;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.StateTransformingCheckpointStore;
import io.checkpointkit.spi.Arguments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store that compresses checkpoint states on their way into the wrapped store and decompresses
 * them on their way out, for every backend alike.
 *
 * <p><b>What is compressed.</b> A state of {@link CompressionConfig#threshold()} bytes or more
 * (and at most {@link CompressionConfig#maxDecompressedSize()}) is compressed with
 * {@link CompressionConfig#codec()}; when the compressed form is not shorter, or the state is
 * outside those bounds, the state is stored exactly as given.
 *
 * <p><b>How the codec is recorded.</b> A compressed checkpoint is stored with the metadata entry
 * {@value #CODEC_METADATA_KEY} = codec id ({@code zstd} or {@code deflate}); a checkpoint stored
 * as given has no such entry. The decision is out of band on purpose: no byte pattern at the
 * start of a state can be mistaken for a header, so a checkpoint written before this decorator
 * was added (or by a store without it) is always read as it is, whatever its bytes. Readers use
 * the recorded codec, not their own configuration, so stores written with and without the
 * decorator, with another level or the other codec stay readable. The entry is hidden: it is
 * removed from every checkpoint this store returns, a checkpoint given to {@code save} must not
 * carry it, and a query must not filter on it ({@link IllegalArgumentException} before any I/O).
 * Metadata filters on the user's keys work as before: they are answered by the wrapped store,
 * where the user's entries are stored unchanged.
 *
 * <p><b>zstd fallback.</b> With {@link CompressionCodec#ZSTD}, when zstd-jni's native library
 * cannot load on this machine, the store writes {@link CompressionCodec#DEFLATE} (JDK only)
 * instead and logs one warning; {@link #activeCodec()} tells which. Such a store still reads
 * uncompressed and Deflate checkpoints; reading a zstd checkpoint throws a
 * {@link CheckpointException} saying the library is missing (the bytes are intact, so it is not
 * reported as corruption).
 *
 * <p><b>Damage.</b> Compressed bytes that cannot be decompressed (a flipped bit fails the
 * codec's checksum, a truncated or foreign stream), an unknown codec id, or a state that would
 * decompress to more than {@link CompressionConfig#maxDecompressedSize()} give a
 * {@link CheckpointCorruptedException} naming the checkpoint; the other checkpoints stay
 * readable. A {@code list} that meets one throws it.
 *
 * <p>{@code delete}, {@code clear}, {@code trim}, {@code executions}, {@code clearIfIdleSince},
 * {@code capabilities} and {@code close} go to the wrapped store unchanged. Thread-safe.
 *
 * <pre>{@code
 * CompressingCheckpointStore store = CompressingCheckpointStore.wrap(
 *         CheckpointStores.open("sqlite:./checkpoints.db"),
 *         CompressionConfig.builder().threshold(1024).zstdLevel(3).build());
 * }</pre>
 */
public final class CompressingCheckpointStore extends StateTransformingCheckpointStore {

    /**
     * The metadata key under which the codec of a compressed checkpoint is recorded in the wrapped
     * store; reserved, never shown to users of this decorator.
     */
    public static final String CODEC_METADATA_KEY = "checkpointkit.compression";

    private final CompressionConfig config;
    private final StateCompressor writer;
    private final DeflateCompressor deflate;
    private final ZstdCompressor zstd;
    private final ZstdSupport zstdSupport;
    private final LongAdder compressedSaves = new LongAdder();
    private final LongAdder uncompressedSaves = new LongAdder();
    private final LongAdder stateBytes = new LongAdder();
    private final LongAdder storedBytes = new LongAdder();
    private final LongAdder decompressedReads = new LongAdder();

    CompressingCheckpointStore(CheckpointStore delegate, CompressionConfig config, ZstdSupport zstdSupport) {
        super(delegate);
        this.config = config;
        this.zstdSupport = zstdSupport;
        this.deflate = new DeflateCompressor(config.deflateLevel());
        this.zstd = zstdSupport.available() ? new ZstdCompressor(config.zstdLevel()) : null;
        if (config.codec() == CompressionCodec.ZSTD && zstd == null) {
            zstdSupport.warnFallbackOnce(CompressionCodec.DEFLATE);
        }
        this.writer = config.codec() == CompressionCodec.ZSTD && zstd != null ? zstd : deflate;
    }

    /**
     * Wraps a store so that its states are compressed.
     *
     * @param store the store to hold the compressed checkpoints
     * @param config the settings
     * @return the compressing store
     * @throws NullPointerException if an argument is null
     */
    public static CompressingCheckpointStore wrap(CheckpointStore store, CompressionConfig config) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(config, "config must not be null");
        return new CompressingCheckpointStore(store, config, ZstdSupport.system());
    }

    /** The settings this store was made with. */
    public CompressionConfig config() {
        return config;
    }

    /**
     * The codec this store writes: {@link CompressionConfig#codec()}, or
     * {@link CompressionCodec#DEFLATE} when zstd was configured but its native library cannot load.
     */
    public CompressionCodec activeCodec() {
        return writer.codec();
    }

    /** The counters, cumulative since this store was made. */
    public CompressionStats stats() {
        return new CompressionStats(compressedSaves.sum(), uncompressedSaves.sum(), stateBytes.sum(),
                storedBytes.sum(), decompressedReads.sum());
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if the query filters on {@value #CODEC_METADATA_KEY}
     */
    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        Objects.requireNonNull(query, "query must not be null");
        Arguments.requireArgument(!query.metadata().containsKey(CODEC_METADATA_KEY),
                "metadata key '" + CODEC_METADATA_KEY + "' is reserved by the compression decorator");
        return super.list(executionId, query);
    }

    /**
     * The checkpoint compressed, with its codec in {@value #CODEC_METADATA_KEY}, or as it is.
     *
     * @throws IllegalArgumentException if its metadata holds {@value #CODEC_METADATA_KEY}
     */
    @Override
    protected Checkpoint encode(Checkpoint checkpoint) {
        Arguments.requireArgument(!checkpoint.metadata().containsKey(CODEC_METADATA_KEY),
                "metadata key '" + CODEC_METADATA_KEY + "' is reserved by the compression decorator");
        int size = checkpoint.stateSize();
        stateBytes.add(size);
        if (size >= config.threshold() && size <= config.maxDecompressedSize()) {
            byte[] compressed = writer.compress(stateOf(checkpoint));
            if (compressed != null) {
                compressedSaves.increment();
                storedBytes.add(compressed.length);
                return checkpoint.toBuilder().state(compressed)
                        .putMetadata(CODEC_METADATA_KEY, writer.codec().id()).build();
            }
        }
        uncompressedSaves.increment();
        storedBytes.add(size);
        return checkpoint;
    }

    /** The checkpoint decompressed, without {@value #CODEC_METADATA_KEY}, or as it is if it was not compressed. */
    @Override
    protected Checkpoint decode(Checkpoint stored) {
        String codecId = stored.metadata().get(CODEC_METADATA_KEY);
        if (codecId == null) {
            return stored;
        }
        CompressionCodec codec = CompressionCodec.fromId(codecId).orElseThrow(() -> new CheckpointCorruptedException(
                stored.id(), "its state is recorded as compressed with an unknown codec '" + codecId + "'", null));
        StateCompressor reader = reader(codec, stored.id());
        byte[] state;
        try {
            state = reader.decompress(stateOf(stored), config.maxDecompressedSize());
        } catch (CorruptStateException e) {
            throw new CheckpointCorruptedException(stored.id(),
                    "its " + codec.id() + " state cannot be decompressed: " + e.getMessage(), e);
        }
        decompressedReads.increment();
        Map<String, String> metadata = new HashMap<>(stored.metadata());
        metadata.remove(CODEC_METADATA_KEY);
        return stored.toBuilder().state(state).metadata(metadata).build();
    }

    private StateCompressor reader(CompressionCodec codec, String checkpointId) {
        if (codec == CompressionCodec.DEFLATE) {
            return deflate;
        }
        if (zstd == null) {
            throw new CheckpointException("checkpoint '" + checkpointId + "' is compressed with zstd, but"
                    + " zstd-jni's native library cannot be used on this machine ("
                    + zstdSupport.failure().map(ZstdSupport::describe).orElse("unknown reason") + ")");
        }
        return zstd;
    }
}
