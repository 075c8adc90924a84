package org.watchpost.engine.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Splits a specification into tokens. Separators are commas and white space (space, tab, new
 * line); {@code #} starts a comment that runs to the end of the line. A token {@code @path}
 * (in the typed text, or inside a file) is replaced by the tokens of that file, read as UTF-8,
 * streamed line by line; files may name further files up to {@value #MAX_FILE_DEPTH} deep.
 */
final class Tokenizer {

    static final int MAX_FILE_DEPTH = 8;

    /** One token and where it was found. */
    record Token(String text, int position, String file, int line, int column) {
        SpecException error(String kind, String reason) {
            return new SpecException(kind, text, position, file, line, column, reason);
        }
    }

    @FunctionalInterface
    interface Sink {
        void accept(Token token) throws SpecException;
    }

    private final String kind;
    private final Sink sink;
    private final Set<Path> open = new HashSet<>();

    private Tokenizer(String kind, Sink sink) {
        this.kind = kind;
        this.sink = sink;
    }

    /** Feeds every token of {@code text} (files expanded) to {@code sink}, in order. */
    static void tokenize(String text, String kind, Sink sink) throws SpecException {
        new Tokenizer(kind, sink).typed(text == null ? "" : text);
    }

    private void typed(String text) throws SpecException {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
                continue;
            }
            if (isSeparator(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !isSeparator(text.charAt(i)) && text.charAt(i) != '#') i++;
            Token t = new Token(text.substring(start, i), start + 1, null, 0, 0);
            emit(t, t.position(), 0);
        }
    }

    private void emit(Token t, int topPosition, int depth) throws SpecException {
        if (t.text().startsWith("@")) {
            readFile(t, topPosition, depth + 1);
        } else {
            sink.accept(t);
        }
    }

    private void readFile(Token at, int topPosition, int depth) throws SpecException {
        String name = at.text().substring(1);
        if (name.isEmpty()) throw at.error(kind, "'@' must be followed by a file name");
        if (depth > MAX_FILE_DEPTH) {
            throw at.error(kind, "files name other files more than " + MAX_FILE_DEPTH + " deep");
        }
        Path path = Path.of(name);
        Path key;
        try {
            key = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw at.error(kind, "cannot read file '" + name + "': no such file");
        } catch (IOException | SecurityException e) {
            throw at.error(kind, "cannot read file '" + name + "': " + e.getMessage());
        }
        if (Files.isDirectory(key)) throw at.error(kind, "cannot read file '" + name + "': it is a directory");
        if (!open.add(key)) throw at.error(kind, "file '" + name + "' includes itself");
        try (BufferedReader in = Files.newBufferedReader(key, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                fileLine(line, name, lineNo, topPosition, depth);
            }
        } catch (AccessDeniedException e) {
            throw at.error(kind, "cannot read file '" + name + "': permission denied");
        } catch (CharacterCodingException e) {
            throw at.error(kind, "cannot read file '" + name + "': it is not UTF-8 text");
        } catch (IOException e) {
            throw at.error(kind, "cannot read file '" + name + "': " + e.getMessage());
        } finally {
            open.remove(key);
        }
    }

    private void fileLine(String line, String file, int lineNo, int topPosition, int depth) throws SpecException {
        int i = 0;
        int n = line.length();
        if (lineNo == 1 && n > 0 && line.charAt(0) == '\uFEFF') i = 1; // byte order mark
        while (i < n) {
            char c = line.charAt(i);
            if (c == '#') return;
            if (isSeparator(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !isSeparator(line.charAt(i)) && line.charAt(i) != '#') i++;
            Token t = new Token(line.substring(start, i), topPosition, file, lineNo, start + 1);
            emit(t, topPosition, depth);
        }
    }

    static boolean isSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';';
    }
}
