package dev.gctyping.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version (from the jar manifest) and the Java runtime. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "gctyping " + (version == null ? "dev" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")" + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
