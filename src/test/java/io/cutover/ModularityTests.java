package io.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module contracts: every module says which modules (or which of their named
 * interfaces, such as {@code execution :: events}) it may use, and
 * {@link ApplicationModules#verify()} fails the build when code reaches beyond that, into
 * another module's internals or round a cycle.
 */
class ModularityTests {

    /**
     * Where the generated module diagrams and canvases live, checked in next to the
     * prose.
     */
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
    void writesModuleDocumentation() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS)).writeModulesAsPlantUml()
            .writeIndividualModulesAsPlantUml()
            .writeModuleCanvases();
        try (Stream<Path> files = Files.list(Path.of(DOCS))) {
            for (Path file : files.toList()) {
                Files.write(file, inStableOrder(Files.readAllLines(file)));
            }
        }
    }

    /**
     * The Documenter lists relations, components and canvas items in hash order, which
     * changes from run to run; sorting each run of such lines keeps the checked-in files
     * still when nothing changed. The first item of a canvas cell carries the cell's "|",
     * so it is set aside while its run is sorted.
     */
    static List<String> inStableOrder(List<String> lines) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String kind = sortKind(lines.get(i));
            if (kind == null) {
                out.add(lines.get(i++));
                continue;
            }
            boolean cell = lines.get(i).startsWith("|* ");
            List<String> run = new ArrayList<>();
            run.add(cell ? lines.get(i).substring(1) : lines.get(i));
            i++;
            while (i < lines.size() && kind.equals(sortKind(lines.get(i))) && !lines.get(i).startsWith("|")) {
                run.add(lines.get(i++));
            }
            run.sort(null);
            if (cell) {
                run.set(0, "|" + run.get(0));
            }
            out.addAll(run);
        }
        return out;
    }

    private static String sortKind(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("Rel(") || trimmed.startsWith("Component(")) {
            return line.substring(0, line.indexOf(trimmed)) + trimmed.substring(0, trimmed.indexOf('('));
        }
        return line.startsWith("* `") || line.startsWith("|* `") ? "item" : null;
    }

    private static boolean declaresDependencies(String packageName) {
        Package pkg = loadedPackage(packageName);
        ApplicationModule module = pkg == null ? null : pkg.getAnnotation(ApplicationModule.class);
        return module != null && !List.of(module.allowedDependencies()).equals(List.of(ApplicationModule.OPEN_TOKEN));
    }

    private static Package loadedPackage(String name) {
        try {
            Class.forName(name + ".package-info");
        }
        catch (ClassNotFoundException e) {
            return null;
        }
        return ModularityTests.class.getClassLoader().getDefinedPackage(name);
    }

}
