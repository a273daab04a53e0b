package io.checkpointkit.tck;

import io.checkpointkit.CheckpointStore;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The kit as {@link Tck#run} launches it: stores come from the supplier handed to that call.
 * The supplier lives in a static holder, which is why runs are serialised; outside a run (a
 * class path scan that finds this class) every test is disabled.
 */
@ExtendWith(SuppliedStoreTck.OnlyDuringARun.class)
class SuppliedStoreTck extends CheckpointStoreTck {

    private static volatile Supplier<CheckpointStore> stores;
    private static volatile UnaryOperator<CheckpointStore> reopener;

    /** Installs the store factory for one run; {@link Tck} holds its lock around the run. */
    static void install(Supplier<CheckpointStore> storeSupplier, UnaryOperator<CheckpointStore> reopen) {
        stores = storeSupplier;
        reopener = reopen;
    }

    static void uninstall() {
        stores = null;
        reopener = null;
    }

    @Override
    protected CheckpointStore newStore() {
        Supplier<CheckpointStore> s = stores;
        if (s == null) {
            throw new IllegalStateException("SuppliedStoreTck runs only through Tck.run");
        }
        return s.get();
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        UnaryOperator<CheckpointStore> r = reopener;
        return r == null ? null : r.apply(store);
    }

    @Override
    boolean reopenSupported() {
        return reopener != null;
    }

    /** Disables the kit when no {@link Tck#run} is in progress. */
    static final class OnlyDuringARun implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return stores != null
                    ? ConditionEvaluationResult.enabled("Tck.run is in progress")
                    : ConditionEvaluationResult.disabled("runs only through Tck.run");
        }
    }
}
