package dev.recsys.trainer.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ValidationSplitTest {
    private static final int USERS = 200;
    private static final int MOVIES = 300;

    @Test
    void aPairStaysOnItsSideAcrossInstancesWithTheSameSeed() {
        ValidationSplit first = new ValidationSplit(0.1, 42);
        ValidationSplit afterRestart = new ValidationSplit(0.1, 42);
        for (int user = 1; user <= USERS; user++) {
            for (int movie = 1; movie <= MOVIES; movie++) {
                boolean side = first.isValidation(user, movie);
                assertThat(first.isValidation(user, movie)).isEqualTo(side);
                assertThat(afterRestart.isValidation(user, movie)).isEqualTo(side);
            }
        }
    }

    @Test
    void holdsOutTheConfiguredShareOfPairs() {
        for (double fraction : new double[] {0.05, 0.1, 0.2, 0.5}) {
            assertThat(share(new ValidationSplit(fraction, 7), 1, 1)).isCloseTo(fraction, within(0.01));
        }
    }

    @Test
    void spreadsEvenlyOverUsersAndMovies() {
        // consecutive ids must not cluster on one side: every user's own share is near the fraction
        ValidationSplit split = new ValidationSplit(0.2, 42);
        for (int user = 1; user <= 50; user++) {
            int held = 0;
            for (int movie = 1; movie <= 1000; movie++) {
                held += split.isValidation(user, movie) ? 1 : 0;
            }
            assertThat(held / 1000.0).isCloseTo(0.2, within(0.06));
        }
    }

    @Test
    void anotherSeedChoosesOtherPairs() {
        ValidationSplit a = new ValidationSplit(0.1, 1);
        ValidationSplit b = new ValidationSplit(0.1, 2);
        int bothHeld = 0;
        int aHeld = 0;
        for (int user = 1; user <= USERS; user++) {
            for (int movie = 1; movie <= MOVIES; movie++) {
                if (a.isValidation(user, movie)) {
                    aHeld++;
                    bothHeld += b.isValidation(user, movie) ? 1 : 0;
                }
            }
        }
        // independent splits overlap on about fraction of a's pairs
        assertThat((double) bothHeld / aHeld).isCloseTo(0.1, within(0.03));
    }

    @Test
    void userAndMovieAreNotInterchangeable() {
        ValidationSplit split = new ValidationSplit(0.5, 42);
        int differ = 0;
        for (int i = 1; i <= 100; i++) {
            for (int j = i + 1; j <= 100; j++) {
                differ += split.isValidation(i, j) != split.isValidation(j, i) ? 1 : 0;
            }
        }
        assertThat(differ).isGreaterThan(1000);
    }

    @Test
    void fractionZeroHoldsOutNothing() {
        assertThat(share(new ValidationSplit(0, 42), 1, 1)).isZero();
    }

    @Test
    void rejectsFractionsOutsideZeroToOne() {
        assertThatThrownBy(() -> new ValidationSplit(1.0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidationSplit(-0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidationSplit(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double share(ValidationSplit split, int firstUser, int firstMovie) {
        int held = 0;
        for (int user = firstUser; user < firstUser + USERS; user++) {
            for (int movie = firstMovie; movie < firstMovie + MOVIES; movie++) {
                held += split.isValidation(user, movie) ? 1 : 0;
            }
        }
        return (double) held / (USERS * MOVIES);
    }
}
