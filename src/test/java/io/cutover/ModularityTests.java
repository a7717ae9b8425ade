package io.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module contracts: every module says which modules (or which of their named interfaces, such
 * as {@code execution :: events}) it may use, and {@link ApplicationModules#verify()} fails the
 * build when code reaches beyond that, into another module's internals or round a cycle.
 */
class ModularityTests {

    /** Where the generated module diagrams and canvases live, checked in next to the prose. */
    static final String DOCS = "docs/modules";

    private final ApplicationModules modules = ApplicationModules.of(CutoverApplication.class);

    @Test
    void modulesUseOnlyWhatTheyDeclareAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void everyModuleDeclaresItsDependenciesAndIsNullMarked() {
        List<String> undeclared = modules.stream()
                .map(module -> module.getBasePackage().getName())
                .filter(name -> !declaresDependencies(name))
                .toList();
        List<String> notNullMarked = modules.stream()
                .map(module -> module.getBasePackage().getName())
                .filter(name -> loadedPackage(name) == null || !loadedPackage(name).isAnnotationPresent(NullMarked.class))
                .toList();

        assertThat(undeclared).as("modules without allowedDependencies").isEmpty();
        assertThat(notNullMarked).as("modules whose package-info lacks @NullMarked").isEmpty();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }

    private static boolean declaresDependencies(String packageName) {
        Package pkg = loadedPackage(packageName);
        ApplicationModule module = pkg == null ? null : pkg.getAnnotation(ApplicationModule.class);
        return module != null && !List.of(module.allowedDependencies()).equals(List.of(ApplicationModule.OPEN_TOKEN));
    }

    private static Package loadedPackage(String name) {
        try {
            Class.forName(name + ".package-info");
        } catch (ClassNotFoundException e) {
            return null;
        }
        return ModularityTests.class.getClassLoader().getDefinedPackage(name);
    }
}
