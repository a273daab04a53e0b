package io.checkpointkit.koog;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestServers;

/** The provider over PostgreSQL: every new store opens the same table; each test's sessions are cleared after it. */
class PostgresCheckpointKitPersistenceProviderTest extends CheckpointKitPersistenceProviderTest {

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(TestServers.postgres() + "?table=koog_provider_test&poolSize=4");
    }
}
