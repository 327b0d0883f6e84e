package io.windrow.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.windrow.jobs.WindrowException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Loads a stage's configuration in Typesafe Config layers: every module's {@code reference.conf}
 * (documented defaults), then each {@code --config} file in order, then each {@code --set KEY=VALUE}.
 * Substitutions such as {@code ${windrow.work-dir}} resolve after all layers are merged, so an
 * override of the work folder moves every default path with it.
 *
 * <p>Every key a user sets must exist in a reference.conf with a compatible type, except below an
 * object the reference leaves empty ({@code tables {}}), which is an open map. Secrets are never
 * written in files: reference.conf reads them from the environment ({@code key = ${?ENV_VAR}}) and
 * {@link #render} redacts every key that looks like one.
 */
public final class StageConfig {
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|credential|api-?key).*");

    private StageConfig() {}

    /** The merged, validated and resolved configuration. */
    public static Config load(List<Path> files, List<String> sets) {
        requireNonNull(files, "files");
        requireNonNull(sets, "sets");
        Config reference = ConfigFactory.defaultReferenceUnresolved();
        Config user = ConfigFactory.empty();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new WindrowException("config file not found: " + file);
            }
            Config parsed;
            try {
                parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new WindrowException("config file " + file + ": " + e.getMessage(), e);
            }
            user = parsed.withFallback(user);
        }
        for (String set : sets) {
            user = parseSet(set, reference).withFallback(user);
        }
        validateKeys(user.root(), reference, "");
        Config merged;
        try {
            merged = user.withFallback(reference).resolve();
        } catch (ConfigException e) {
            throw new WindrowException("config: " + e.getMessage(), e);
        }
        validateTypes(merged, reference.root(), "");
        return merged;
    }

    /**
     * Parses {@code KEY=VALUE}. The value is typed by the reference: numbers, booleans, lists and
     * objects are parsed as HOCON, strings are taken verbatim (so {@code hdfs://x} stays intact).
     */
    static Config parseSet(String set, Config reference) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new WindrowException("--set expects KEY=VALUE, got '" + set + "'");
        }
        String key = set.substring(0, eq).trim();
        String value = set.substring(eq + 1);
        ConfigValueType type = referenceType(reference, key);
        if (type == null) {
            throw unknownKey(key, reference, "");
        }
        if (type == ConfigValueType.STRING || type == ConfigValueType.NULL) {
            return ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value, "--set " + key));
        }
        try {
            return ConfigFactory.parseString(quoteKey(key) + " = " + value,
                    ConfigParseOptions.defaults().setOriginDescription("--set " + key));
        } catch (ConfigException e) {
            throw new WindrowException("config key '" + key + "': cannot parse '" + value + "' as " + describe(type));
        }
    }

    private static String quoteKey(String path) {
        // The key is already a path expression (a.b.c); validate it as one.
        try {
            ConfigFactory.empty().hasPath(path);
        } catch (ConfigException e) {
            throw new WindrowException("--set: '" + path + "' is not a valid config key");
        }
        return path;
    }

    /** The reference's type at a path, or OBJECT inside an open map, or null if unknown. */
    private static ConfigValueType referenceType(Config reference, String path) {
        String[] parts = path.split("\\.");
        ConfigValue current = reference.root();
        StringBuilder prefix = new StringBuilder();
        for (String part : parts) {
            if (!(current instanceof ConfigObject object)) {
                return null;
            }
            if (object.isEmpty() && prefix.length() > 0) {
                return ConfigValueType.STRING; // open map: any key, values taken as given
            }
            current = object.get(part);
            if (current == null) {
                return null;
            }
            prefix.append(part).append('.');
        }
        try {
            return current.valueType();
        } catch (ConfigException.NotResolved e) {
            // A default like ${windrow.work-dir}"/raw": a path, so the override is taken as a string.
            return ConfigValueType.STRING;
        }
    }

    private static void validateKeys(ConfigObject user, Config reference, String prefix) {
        for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
            String path = prefix.isEmpty() ? quote(entry.getKey()) : prefix + "." + quote(entry.getKey());
            ConfigValueType refType = referenceType(reference, path);
            if (refType == null) {
                throw unknownKey(path, reference, origin(entry.getValue()));
            }
            if (entry.getValue() instanceof ConfigObject child && refType == ConfigValueType.OBJECT
                    && !isOpenMap(reference, path)) {
                validateKeys(child, reference, path);
            }
        }
    }

    /** An unknown key, with the closest key the reference declares at the same level if one is near. */
    private static WindrowException unknownKey(String path, Config reference, String origin) {
        // The first segment the reference does not know is the misspelt one; suggest among its siblings.
        ConfigValue node = reference.root();
        java.util.Set<String> siblings = java.util.Set.of();
        String unknown = path;
        for (String part : path.split("\\.")) {
            String name = part.replace("\"", "");
            if (!(node instanceof ConfigObject object) || !object.containsKey(name)) {
                siblings = node instanceof ConfigObject object ? object.keySet() : java.util.Set.of();
                unknown = name;
                break;
            }
            node = object.get(name);
        }
        String hint = Suggestions.didYouMean(unknown, siblings);
        return new WindrowException("unknown config key '" + path + "'" + origin
                + (hint.isEmpty() ? " (see windrow STAGE --help)" : hint));
    }

    private static boolean isOpenMap(Config reference, String path) {
        ConfigValue value = reference.root();
        for (String part : path.split("\\.")) {
            if (!(value instanceof ConfigObject object)) {
                return false;
            }
            if (object.isEmpty()) {
                return true;
            }
            value = object.get(part);
        }
        return value instanceof ConfigObject object && object.isEmpty();
    }

    private static String quote(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
    }

    /** Checks each leaf the reference declares against the merged value's type. */
    private static void validateTypes(Config merged, ConfigObject reference, String prefix) {
        for (Map.Entry<String, ConfigValue> entry : reference.entrySet()) {
            String path = prefix.isEmpty() ? quote(entry.getKey()) : prefix + "." + quote(entry.getKey());
            ConfigValueType expected;
            try {
                expected = entry.getValue().valueType();
            } catch (ConfigException.NotResolved e) {
                continue; // a substitution: its type is whatever it points at, checked there
            }
            if (expected == ConfigValueType.OBJECT) {
                ConfigObject child = (ConfigObject) entry.getValue();
                if (!child.isEmpty()) {
                    validateTypes(merged, child, path);
                }
                continue;
            }
            if (!merged.hasPathOrNull(path) || merged.getIsNull(path)) {
                continue;
            }
            ConfigValue actual = merged.getValue(path);
            try {
                switch (expected) {
                    case NUMBER -> merged.getNumber(path);
                    case BOOLEAN -> merged.getBoolean(path);
                    case LIST -> merged.getList(path);
                    case STRING -> {
                        if (actual.valueType() == ConfigValueType.LIST || actual.valueType() == ConfigValueType.OBJECT) {
                            throw new ConfigException.WrongType(actual.origin(), path, "string", actual.valueType().name());
                        }
                    }
                    default -> { }
                }
            } catch (ConfigException e) {
                throw new WindrowException("config key '" + path + "'" + origin(actual) + ": expected " + describe(expected)
                        + ", got " + actual.render(ConfigRenderOptions.concise()));
            }
        }
    }

    private static String origin(ConfigValue value) {
        String description = value.origin().description();
        return description == null || description.startsWith("reference") ? "" : " (" + description + ")";
    }

    private static String describe(ConfigValueType type) {
        return switch (type) {
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case LIST -> "a list";
            case OBJECT -> "an object";
            default -> "a string";
        };
    }

    /**
     * The configuration of the given sections as HOCON, with secret-looking values redacted. No
     * comments: Typesafe Config attaches the reference's comment of a substituted value (work-dir's)
     * to every key that refers to it, which misleads; {@code STAGE --help} gives the meanings.
     */
    public static String render(Config config, List<String> sections) {
        Config selected = ConfigFactory.empty();
        for (String section : sections) {
            if (config.hasPath(section)) {
                selected = selected.withValue(section, config.getValue(section));
            }
        }
        for (Map.Entry<String, ConfigValue> entry : selected.entrySet()) {
            if (SECRET_KEY.matcher(entry.getKey()).matches()) {
                selected = selected.withValue(entry.getKey(), ConfigValueFactory.fromAnyRef("<redacted>"));
            }
        }
        return selected.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false));
    }

}
