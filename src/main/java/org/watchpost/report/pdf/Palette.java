package org.watchpost.report.pdf;

import java.awt.Color;
import org.watchpost.engine.model.Severity;

/** The application's colours, for print. */
public final class Palette {
    private Palette() {
    }

    public static final Color TEXT = new Color(0x1f2937);
    public static final Color MUTED = new Color(0x6b7280);
    public static final Color ACCENT = new Color(0x0f766e);
    public static final Color DARK = new Color(0x17212f);
    public static final Color BORDER = new Color(0xd9dee7);
    public static final Color PANEL = new Color(0xf1f5f9);
    public static final Color ZEBRA = new Color(0xf8fafc);
    public static final Color CODE_BG = new Color(0xf3f4f6);
    public static final Color CLASSIFICATION = new Color(0xb91c1c);
    public static final Color GOOD = new Color(0x15803d);
    public static final Color WHITE = Color.WHITE;

    public static final Color CRITICAL = new Color(0x9f1239);
    public static final Color HIGH = new Color(0xdc2626);
    public static final Color MEDIUM = new Color(0xf59e0b);
    public static final Color LOW = new Color(0x3b82f6);
    public static final Color INFO = new Color(0x94a3b8);

    public static Color of(Severity s) {
        if (s == null) return INFO;
        return switch (s) {
            case CRITICAL -> CRITICAL;
            case HIGH -> HIGH;
            case MEDIUM -> MEDIUM;
            case LOW -> LOW;
            case INFO -> INFO;
        };
    }

    /** Text colour that reads on a severity-coloured chip. */
    public static Color onChip(Severity s) {
        return s == Severity.MEDIUM || s == Severity.INFO ? TEXT : WHITE;
    }
}
