package kg.evpower.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The request budget adapts to others behind the same address: a 429 halves it, quiet windows give it back. */
class RequestBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RequestBudget budget = new RequestBudget(60, Duration.ofSeconds(60), 0.5, now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void a429HalvesTheAllowanceDownToAFloorAndQuietWindowsRaiseItBackToTheCeiling() {
        assertEquals(60, budget.perWindow());
        assertFalse(budget.shared());
        budget.onRateLimited();
        assertEquals(30, budget.perWindow());
        assertTrue(budget.shared(), "said in the status bar");
        budget.onRateLimited();
        budget.onRateLimited();
        budget.onRateLimited();
        assertEquals(10, budget.perWindow(), "never below a sixth of the ceiling");
        advance(Duration.ofSeconds(59));
        assertEquals(10, budget.perWindow(), "not before a whole quiet window");
        advance(Duration.ofSeconds(1));
        assertEquals(16, budget.perWindow(), "a tenth of the ceiling back per quiet window");
        advance(Duration.ofMinutes(10));
        assertEquals(60, budget.perWindow());
        assertFalse(budget.shared());
        assertEquals(60, budget.ceiling());
    }

    @Test
    void backgroundWorkGetsItsShareOfTheLoweredAllowanceOnly() throws Exception {
        budget.onRateLimited(); // 30 now, background at most 15
        advance(Duration.ofSeconds(61)); // past the back-off, one quiet window: 36, background at most 18
        int background = 0;
        while (budget.tryAcquireBackground()) {
            background++;
        }
        assertEquals(18, background);
        for (int i = background; i < budget.perWindow(); i++) {
            budget.acquire(); // interactive calls still have room up to the allowance
        }
        assertEquals(36, budget.inWindow());
        assertFalse(budget.hasBackgroundRoom());
    }
}
