package dev.gctyping.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ~/.gctyping/config} (see {@link dev.gctyping.support.GctypingHome}): INI sections of settings, like Genesys' {@code gc} CLI profiles.
 * <pre>
 * [default]
 * region = eu-west-1
 * client_id = …
 * client_secret = …
 * </pre>
 * Lines starting with {@code #} or {@code ;} are comments. Because it can hold a secret, a file that
 * group or others may read or write is refused.
 */
public final class ProfileFile {
    public static final String DEFAULT_PROFILE = "default";
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);

    private final Path path;
    private final Map<String, Map<String, String>> sections;

    private ProfileFile(Path path, Map<String, Map<String, String>> sections) {
        this.path = path;
        this.sections = sections;
    }

    /** The file at {@code path}, or an empty one when it does not exist. */
    public static ProfileFile load(Path path) {
        if (!Files.exists(path)) {
            return new ProfileFile(path, Map.of());
        }
        if (Files.isDirectory(path)) {
            throw new ConfigException("cannot read the profile file " + path
                    + ": it is a directory; the profiles belong in a file of that name");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
                throw new ConfigException("refusing to read " + path + ": it may hold a client secret and other users "
                        + "can access it; run: chmod 600 " + path);
            }
            return new ProfileFile(path, parse(path, Files.readAllLines(path)));
        } catch (UnsupportedOperationException e) {
            throw new ConfigException("cannot check the permissions of " + path + " on this file system");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static Map<String, Map<String, String>> parse(Path path, List<String> lines) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = sections.computeIfAbsent(
                        line.substring(1, line.length() - 1).strip(), name -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (section == null || equals < 1) {
                // never echo the line: it may be a secret
                throw new ConfigException(path + " line " + (i + 1) + ": expected [profile] or key = value");
            }
            section.put(
                    line.substring(0, equals).strip().toLowerCase(Locale.ROOT),
                    line.substring(equals + 1).strip());
        }
        return sections;
    }

    /**
     * The named profile's settings (keys lower-case); an unknown name is an error listing the known ones,
     * except {@link #DEFAULT_PROFILE}, which may be absent.
     */
    public Map<String, String> profile(String name) {
        Map<String, String> profile = sections.get(name);
        if (profile != null) {
            return profile;
        }
        if (name.equals(DEFAULT_PROFILE)) {
            return Map.of();
        }
        throw new ConfigException("no profile [" + name + "] in " + path
                + (sections.isEmpty()
                        ? " (the file is missing or empty)"
                        : "; profiles: " + String.join(", ", sections.keySet())));
    }
}
