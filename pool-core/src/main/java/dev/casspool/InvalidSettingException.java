package dev.casspool;

/**
 * A pool setting was given a value the pool cannot work with: thrown by {@link ConnectionPool.Builder#build()}, which
 * checks every setting (the setters check nothing), and by {@link ConnectionPool#setServerList}. It names the setting
 * as the builder method names it, the value (never a password) and the reason, so that a framework can report it
 * against its own name for the setting, as the Spring Boot starter does with its {@code cassandra.pool.*} keys.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final transient Object value;
    private final String reason;

    /**
     * Creates the exception; its message is {@code "<setting> <reason>, was <value>"}.
     *
     * @param setting the setting, as the builder method that sets it is named ({@code "poolSize"})
     * @param value the rejected value, or null when the setting was missing
     * @param reason what the value must be, as a phrase that follows the setting's name ({@code "must be at least 0"})
     */
    public InvalidSettingException(String setting, Object value, String reason) {
        super(setting + " " + reason + ", was " + describe(value));
        this.setting = setting;
        this.value = value;
        this.reason = reason;
    }

    /** The setting, as the builder method that sets it is named, such as {@code "poolSize"}. */
    public String setting() {
        return setting;
    }

    /** The rejected value as it was given (for a server list, the entry at fault), or null when it was missing. */
    public Object value() {
        return value;
    }

    /** What the value must be, a phrase that follows the setting's name, such as {@code "must be at least 0"}. */
    public String reason() {
        return reason;
    }

    private static String describe(Object value) {
        return value instanceof CharSequence text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
