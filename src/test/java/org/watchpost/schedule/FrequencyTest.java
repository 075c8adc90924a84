package org.watchpost.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class FrequencyTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId UTC = ZoneId.of("UTC");

    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    static String local(Instant t, ZoneId z) {
        ZonedDateTime d = t.atZone(z);
        return d.toLocalDateTime() + d.getOffset().getId();
    }

    @Test
    void hourlyRunsAtTheMinuteOfEachRealHourIncludingTheRepeatedAutumnHour() {
        Frequency f = Frequency.hourly(15);
        assertThat(local(f.next(berlin("2024-05-01T10:14:59"), BERLIN), BERLIN)).isEqualTo("2024-05-01T10:15+02:00");
        assertThat(local(f.next(berlin("2024-05-01T10:15:00"), BERLIN), BERLIN)).isEqualTo("2024-05-01T11:15+02:00");
        // 27 Oct 2024: 02:00-03:00 happens twice in Berlin; both 02:15s run
        Instant first = f.next(berlin("2024-10-27T01:20"), BERLIN);
        assertThat(local(first, BERLIN)).isEqualTo("2024-10-27T02:15+02:00");
        Instant second = f.next(first, BERLIN);
        assertThat(local(second, BERLIN)).isEqualTo("2024-10-27T02:15+01:00");
        assertThat(local(f.next(second, BERLIN), BERLIN)).isEqualTo("2024-10-27T03:15+01:00");
        // India (+05:30): minute 15 of the local hour, not of the UTC hour
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        assertThat(local(f.next(Instant.parse("2024-05-01T00:00:00Z"), kolkata), kolkata)).isEqualTo("2024-05-01T06:15+05:30");
    }

    @Test
    void dailyIsStrictlyAfterAndDstSafe() {
        Frequency f = Frequency.daily(LocalTime.of(2, 30));
        assertThat(local(f.next(berlin("2024-05-01T02:29"), BERLIN), BERLIN)).isEqualTo("2024-05-01T02:30+02:00");
        assertThat(local(f.next(berlin("2024-05-01T02:30"), BERLIN), BERLIN)).isEqualTo("2024-05-02T02:30+02:00");
        // spring forward (31 Mar 2024, 02:00 → 03:00): 02:30 does not exist, it runs at 03:30 that day
        assertThat(local(f.next(berlin("2024-03-30T12:00"), BERLIN), BERLIN)).isEqualTo("2024-03-31T03:30+02:00");
        // fall back (27 Oct 2024): 02:30 happens twice, it runs once
        Instant once = f.next(berlin("2024-10-26T12:00"), BERLIN);
        assertThat(local(once, BERLIN)).isEqualTo("2024-10-27T02:30+02:00");
        assertThat(local(f.next(once, BERLIN), BERLIN)).isEqualTo("2024-10-28T02:30+01:00");
        assertThat(f.describe()).isEqualTo("Daily at 02:30");
    }

    @Test
    void weeklyRunsOnItsDay() {
        Frequency f = Frequency.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 30));
        // Wed 1 May 2024 → Mon 6 May
        assertThat(local(f.next(berlin("2024-05-01T09:00"), BERLIN), BERLIN)).isEqualTo("2024-05-06T06:30+02:00");
        // on the Monday itself, before and after the time
        assertThat(local(f.next(berlin("2024-05-06T06:00"), BERLIN), BERLIN)).isEqualTo("2024-05-06T06:30+02:00");
        assertThat(local(f.next(berlin("2024-05-06T06:30"), BERLIN), BERLIN)).isEqualTo("2024-05-13T06:30+02:00");
        assertThat(f.describe()).isEqualTo("Every Monday at 06:30");
        assertThat(f.encode()).isEqualTo("weekly MON 06:30");
    }

    @Test
    void monthlyOnDay31ClampsToTheLastDayOfShorterMonths() {
        Frequency f = Frequency.monthly(31, LocalTime.of(2, 0));
        Instant t = berlin("2024-01-31T02:00");
        StringBuilder runs = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            t = f.next(t, BERLIN);
            runs.append(t.atZone(BERLIN).toLocalDate()).append(' ');
        }
        assertThat(runs.toString().strip()).isEqualTo("2024-02-29 2024-03-31 2024-04-30 2024-05-31");
        assertThat(f.describe()).contains("day 31").contains("last day");
        // day 1 at a normal time
        assertThat(local(Frequency.monthly(1, LocalTime.of(0, 5)).next(berlin("2024-12-15T00:00"), BERLIN), BERLIN))
                .isEqualTo("2025-01-01T00:05+01:00");
    }

    @Test
    void cronUsesCronUtilsWithFiveFields() {
        Frequency f = Frequency.cron("*/15 * * * *");
        assertThat(f.next(Instant.parse("2024-05-01T10:07:00Z"), UTC)).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
        assertThat(f.next(Instant.parse("2024-05-01T10:15:00Z"), UTC)).isEqualTo(Instant.parse("2024-05-01T10:30:00Z"));
        assertThat(f.describe()).containsIgnoringCase("every 15 minutes").contains("*/15 * * * *");
        Frequency weekdays = Frequency.cron("0 2 * * 1-5");
        // Fri 3 May 2024 03:00 → Mon 6 May 02:00
        assertThat(local(weekdays.next(berlin("2024-05-03T03:00"), BERLIN), BERLIN)).isEqualTo("2024-05-06T02:00+02:00");
    }

    @Test
    void badCronExpressionsGetMessagesNamingTheField() {
        assertThatThrownBy(() -> Frequency.cron("61 * * * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cron expression '61 * * * *': minute 61 is out of range (0-59)");
        assertThatThrownBy(() -> Frequency.cron("0 25 * * *")).hasMessage("cron expression '0 25 * * *': hour 25 is out of range (0-23)");
        assertThatThrownBy(() -> Frequency.cron("* * * *")).hasMessageContaining("has 4 fields; expected 5");
        assertThatThrownBy(() -> Frequency.cron("0 0 30 2 *")).hasMessageContaining("never fires");
        assertThatThrownBy(() -> Frequency.cron("@daily")).hasMessageContaining("nicknames");
        assertThatThrownBy(() -> Frequency.cron("0 0 * * funday")).hasMessageStartingWith("cron expression '0 0 * * funday': day-of-week");
        assertThatThrownBy(() -> Frequency.cron("")).hasMessageContaining("empty");
    }

    @Test
    void encodeAndDecodeRoundTripEveryKind() {
        for (Frequency f : new Frequency[]{Frequency.hourly(5), Frequency.daily(LocalTime.of(23, 59)),
                Frequency.weekly(DayOfWeek.SUNDAY, LocalTime.of(0, 0)), Frequency.monthly(15, LocalTime.of(12, 0)),
                Frequency.cron("0 */2 * * *")}) {
            assertThat(Frequency.decode(f.kind(), f.expression())).isEqualTo(f);
            assertThat(Frequency.parse(f.encode())).isEqualTo(f);
        }
        assertThat(Frequency.parse("weekly monday 6:30")).isEqualTo(Frequency.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 30)));
        assertThat(Frequency.parse("hourly :45")).isEqualTo(Frequency.hourly(45));
    }

    @Test
    void badSchedulesAreExplained() {
        assertThatThrownBy(() -> Frequency.parse("daily 25:00")).hasMessageContaining("'25:00' is not a time of day");
        assertThatThrownBy(() -> Frequency.parse("hourly 60")).hasMessageContaining("minute 60 is out of range");
        assertThatThrownBy(() -> Frequency.parse("weekly someday 02:00")).hasMessageContaining("'someday' is not a day of the week");
        assertThatThrownBy(() -> Frequency.parse("monthly 32 02:00")).hasMessageContaining("day 32 is out of range 1-31");
        assertThatThrownBy(() -> Frequency.parse("fortnightly 02:00")).hasMessageContaining("unknown schedule kind 'fortnightly'");
        assertThatThrownBy(() -> Frequency.parse("daily")).hasMessageContaining("lacks a time");
    }
}
