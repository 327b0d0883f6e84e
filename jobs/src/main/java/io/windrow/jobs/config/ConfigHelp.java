package io.windrow.jobs.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Lists config keys with their defaults and meanings, taken from the comments in the modules'
 * {@code reference.conf} files, so the documentation of a key lives in exactly one place.
 */
public final class ConfigHelp {
    private ConfigHelp() {}

    /** One line per key below the given sections: {@code key = default   # meaning}. */
    public static String describe(List<String> sections) {
        ConfigObject root = ConfigFactory.defaultReferenceUnresolved().root();
        StringBuilder out = new StringBuilder();
        for (String section : sections) {
            ConfigValue value = root.get(section);
            if (value instanceof ConfigObject object) {
                append(out, section, object);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String prefix, ConfigObject object) {
        Map<String, ConfigValue> sorted = new TreeMap<>(object);
        for (Map.Entry<String, ConfigValue> entry : sorted.entrySet()) {
            String path = prefix + "." + entry.getKey();
            ConfigValue value = entry.getValue();
            String meaning = value.origin().comments().stream().map(String::trim).collect(Collectors.joining(" "));
            if (value instanceof ConfigObject child && !child.isEmpty() && meaning.isEmpty()) {
                append(out, path, child);
                continue;
            }
            out.append(String.format("  %-40s %s%n", path + " = " + render(value), meaning.isEmpty() ? "" : "# " + meaning));
            if (value instanceof ConfigObject child && !child.isEmpty()) {
                append(out, path, child);
            }
        }
    }

    private static String render(ConfigValue value) {
        try {
            return value.render(ConfigRenderOptions.concise());
        } catch (ConfigException.NotResolved e) {
            return value.render(ConfigRenderOptions.concise().setJson(false));
        }
    }
}
