package org.watchpost.engine.vulndb;

import java.nio.file.Path;

/**
 * An import file was rejected. Nothing from it was committed: the database is as it was.
 * The message names the file, where in it the problem is (record index, CVE id, line
 * number) and what is wrong.
 */
public final class VulnDbImportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String location;
    private final String problem;

    public VulnDbImportException(Path file, String location, String problem, Throwable cause) {
        super(file.getFileName() + (location == null ? "" : ": " + location) + ": " + problem, cause);
        this.file = file;
        this.location = location;
        this.problem = problem;
    }

    /** The rejected file. */
    public Path file() {
        return file;
    }

    /** Where in the file ("vulnerabilities[12] (CVE-2024-6387)", "line 7"), or null for the whole file. */
    public String location() {
        return location;
    }

    /** What is wrong, without the file and location. */
    public String problem() {
        return problem;
    }
}
