/**
 * CheckpointKit's API: the checkpoint model, the {@link io.checkpointkit.CheckpointStore} SPI,
 * discovery by URI ({@link io.checkpointkit.CheckpointStores}), state codecs, the decorators that
 * need no other library, retention sweeps, and support for backend authors.
 *
 * <p>Exported: {@code io.checkpointkit} (model, SPI, queries, exceptions, discovery, codecs),
 * {@code io.checkpointkit.decorators}, {@code io.checkpointkit.retention} and
 * {@code io.checkpointkit.spi}. Not exported: {@code io.checkpointkit.internal}.
 *
 * <p>Backends are found with {@link java.util.ServiceLoader}: on the module path through their
 * {@code provides io.checkpointkit.CheckpointStoreProvider}, on the class path through
 * {@code META-INF/services}.
 *
 * <p>{@link io.checkpointkit.JsonStateCodec} reflects on the user's state type: on the module
 * path, open the package that holds it to {@code com.fasterxml.jackson.databind}.
 */
module io.checkpointkit {
    // JsonStateCodec.of(Class, ObjectMapper) takes Jackson's ObjectMapper.
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.checkpointkit;
    exports io.checkpointkit.decorators;
    exports io.checkpointkit.retention;
    exports io.checkpointkit.spi;

    uses io.checkpointkit.CheckpointStoreProvider;
}
