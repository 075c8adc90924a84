package org.watchpost.engine.target;

/**
 * A target, exclusion or port specification could not be understood or was refused.
 *
 * <p>The message names the offending token and where it is, for example
 * {@code bad target '10.0.0.300' at position 12: octet 300 is above 255}, or for a token
 * read from a targets file {@code bad target '10.0.0.300' at hosts.txt:3:5: octet 300 is above 255}.
 * Errors that concern the whole specification (nothing given, too many addresses in total)
 * have no token and read {@code bad targets: ...}.
 */
public class SpecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String token;
    private final int position;
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param kind     what was being parsed: "target", "exclusion" or "port"
     * @param token    the offending token as written, or null when the error is about the whole spec
     * @param position 1-based character offset of the token in the text the user typed (for a token
     *                 read from a file: the offset of the {@code @file} token that named the file), 0 if none
     * @param file     the file the token was read from, or null when it was typed directly
     * @param line     1-based line in {@code file}, 0 when not from a file
     * @param column   1-based column in {@code file}, 0 when not from a file
     * @param reason   what is wrong, in plain words
     */
    public SpecException(String kind, String token, int position, String file, int line, int column, String reason) {
        super(format(kind, token, position, file, line, column, reason));
        this.kind = kind;
        this.token = token;
        this.position = position;
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** An error about the whole specification, not one token. */
    public SpecException(String kind, String reason) {
        this(kind, null, 0, null, 0, 0, reason);
    }

    private static String format(String kind, String token, int position, String file, int line, int column,
                                 String reason) {
        if (token == null) {
            return "bad " + kind + "s: " + reason;
        }
        return "bad " + kind + " '" + token + "' at " + location(position, file, line, column) + ": " + reason;
    }

    private static String location(int position, String file, int line, int column) {
        if (file != null) {
            return file + ":" + line + ":" + column;
        }
        return "position " + position;
    }

    /** "target", "exclusion" or "port". */
    public String kind() {
        return kind;
    }

    /** The offending token as written, or null when the error concerns the whole specification. */
    public String token() {
        return token;
    }

    /**
     * 1-based character offset of the token in the text the user typed; for a token read from a
     * file, the offset of the {@code @file} token (see {@link #file()}, {@link #line()}, {@link #column()}).
     * 0 when the error concerns the whole specification.
     */
    public int position() {
        return position;
    }

    /** The file the token came from, or null when it was typed directly. */
    public String file() {
        return file;
    }

    /** 1-based line within {@link #file()}, 0 when not from a file. */
    public int line() {
        return line;
    }

    /** 1-based column within {@link #file()}, 0 when not from a file. */
    public int column() {
        return column;
    }

    /** Where, as text: {@code position 12} or {@code hosts.txt:3:5}; empty for whole-spec errors. */
    public String location() {
        return token == null ? "" : location(position, file, line, column);
    }

    /** What is wrong, without the token and location prefix. */
    public String reason() {
        return reason;
    }
}
