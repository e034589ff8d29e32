package dev.casspool.embedded.internal;

/**
 * One cassandra.yaml setting written as {@code key=value}, as {@code @EmbeddedCassandra(yaml = ...)} and the
 * development node's {@code --yaml} take them.
 *
 * @param key the cassandra.yaml key
 * @param value the value: a {@link Long} or {@link Boolean} when it reads as one, so that Cassandra binds it to its
 *     numeric and boolean settings, else the text
 */
public record YamlSetting(String key, Object value) {

    /**
     * Reads {@code key=value}.
     *
     * @throws IllegalArgumentException when there is no key before an {@code =}
     */
    public static YamlSetting parse(String setting) {
        int equals = setting.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("cassandra.yaml settings are \"key=value\", was \"" + setting + "\"");
        }
        String text = setting.substring(equals + 1).trim();
        return new YamlSetting(setting.substring(0, equals).trim(), typed(text));
    }

    private static Object typed(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }
}
