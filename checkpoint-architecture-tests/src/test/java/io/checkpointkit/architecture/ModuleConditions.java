package io.checkpointkit.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.function.BiPredicate;
import java.util.function.Predicate;

/** ArchUnit predicates and conditions over the modules of {@link Modules}. */
final class ModuleConditions {

    private ModuleConditions() {
    }

    /** Classes loaded from a module that satisfies the test. */
    static DescribedPredicate<JavaClass> inModule(String description, Predicate<String> module) {
        return DescribedPredicate.describe(description, c -> module.test(Modules.of(c)));
    }

    /**
     * Every dependency on a class of another module (a class under {@code io.checkpointkit} that was
     * imported, so its module is known) must be allowed by {@code allowed(fromModule, toModule)}.
     */
    static ArchCondition<JavaClass> onlyUseModules(String description, BiPredicate<String, String> allowed) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = Modules.of(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (!target.getPackageName().startsWith("io.checkpointkit") || target.getSource().isEmpty()) {
                        continue;
                    }
                    String to = Modules.of(target);
                    if (!allowed.test(from, to)) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                from + " -> " + to + ": " + dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** Dependencies on a package named {@code internal} (or below one) must stay inside its module. */
    static ArchCondition<JavaClass> useOnlyTheirOwnModulesInternals() {
        return new ArchCondition<>("use the ..internal.. packages of their own module only") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = Modules.of(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String pkg = target.getPackageName();
                    boolean internal = pkg.endsWith(".internal") || pkg.contains(".internal.");
                    if (!internal || target.getSource().isEmpty()) {
                        continue;
                    }
                    String to = Modules.of(target);
                    if (!from.equals(to)) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                from + " uses an internal class of " + to + ": " + dependency.getDescription()));
                    }
                }
            }
        };
    }
}
