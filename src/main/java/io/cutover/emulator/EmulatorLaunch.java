package io.cutover.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

/**
 * How to start one of the emulator's main classes in a JVM of its own, from this very
 * build (jar or exploded).
 */
public final class EmulatorLaunch {

    private EmulatorLaunch() {
    }

    /**
     * {@code java <options of a small, short-lived JVM> <jvmOptions> -cp ... <main>} as
     * an argv.
     */
    public static List<String> java(String mainClass, String... jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<String> argv = new java.util.ArrayList<>(
                List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"));
        argv.addAll(List.of(jvmOptions));
        if (bootJar(classpath)) {
            argv.addAll(List.of("-cp", Path.of(classpath).toAbsolutePath().toString(), "-Dloader.main=" + mainClass,
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        }
        else {
            argv.addAll(List.of("-cp", classpath, mainClass));
        }
        return argv;
    }

    /** A Spring Boot jar holds its classes under BOOT-INF and needs Boot's launcher. */
    private static boolean bootJar(String classpath) {
        if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classpath)) {
            return jar.getEntry("BOOT-INF/classes/") != null;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
