package io.checkpointkit.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Optional;
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

    /**
     * Classes that code outside their module can use: public, nested (if at all) only in public
     * classes, in a package that {@code exports(module, package)} says the module exports.
     */
    static DescribedPredicate<JavaClass> visibleOutsideTheirModule(BiPredicate<String, String> exports) {
        return DescribedPredicate.describe("are public in a package their module exports",
                c -> effectivelyPublic(c) && exports.test(Modules.of(c), c.getPackageName()));
    }

    private static boolean effectivelyPublic(JavaClass c) {
        return c.getModifiers().contains(JavaModifier.PUBLIC)
                && c.getEnclosingClass().map(ModuleConditions::effectivelyPublic).orElse(true);
    }

    /**
     * A backend's public surface: its store (a top-level {@code CheckpointStore}), the store's nested
     * {@code Builder} and the enums the builder takes as option values, and its provider (a top-level
     * {@code CheckpointStoreProvider}). Nothing else.
     */
    static ArchCondition<JavaClass> beTheStoreItsBuilderOrItsProvider() {
        return new ArchCondition<>("be the backend's store, the store's Builder (or an option enum the Builder"
                + " takes) or the backend's provider") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!isStoreBuilderOrProvider(c)) {
                    events.add(SimpleConditionEvent.violated(c, Modules.of(c) + " exports " + c.getName()
                            + ", which is neither its store, the store's Builder or one of its option enums,"
                            + " nor its provider"));
                }
            }
        };
    }

    private static boolean isStoreBuilderOrProvider(JavaClass c) {
        Optional<JavaClass> enclosing = c.getEnclosingClass();
        if (enclosing.isEmpty()) {
            return isStore(c) || c.isAssignableTo("io.checkpointkit.CheckpointStoreProvider");
        }
        if (!isStore(enclosing.get())) {
            return false;
        }
        if (c.getSimpleName().equals("Builder")) {
            return true;
        }
        String builder = enclosing.get().getName() + "$Builder";
        return c.isEnum() && c.getMethodsWithParameterTypeOfSelf().stream()
                .map(JavaMethod::getOwner)
                .anyMatch(owner -> owner.getName().equals(builder));
    }

    private static boolean isStore(JavaClass c) {
        return c.getEnclosingClass().isEmpty() && c.isAssignableTo("io.checkpointkit.CheckpointStore");
    }
}
