package io.arbiter.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PurchaseHistoriesTest {

    private static final LocalDate END = LocalDate.of(1997, 9, 30);

    @Test
    void sameDayPurchasesAreOneTransactionAndTheFirstIsLeftOutOfTheSpend() {
        List<Purchase> log = List.of(
                purchase("1997-01-01", "10.00"), purchase("1997-01-01", "5.00"),
                purchase("1997-01-15", "20.00"), purchase("1997-01-15", "4.00"),
                purchase("1997-03-01", "30.00"));
        PurchaseHistorySummary summary = PurchaseHistories.summarise(log, END).orElseThrow();
        assertEquals(2, summary.frequency());
        assertEquals(59 / 7.0, summary.recency(), 1e-12);
        assertEquals(272 / 7.0, summary.age(), 1e-12);
        assertEquals((24 + 30) / 2.0, summary.meanRepeatValue(), 1e-12);
    }

    @Test
    void onlyPurchasesUpToTheCalibrationEndCount() {
        List<Purchase> log = List.of(purchase("1997-02-01", "10"), purchase("1997-09-30", "7"),
                purchase("1997-10-01", "99"));
        PurchaseHistorySummary summary = PurchaseHistories.summarise(log, END).orElseThrow();
        assertEquals(1, summary.frequency());
        assertEquals(summary.age(), summary.recency(), 1e-12);
        assertEquals(7, summary.meanRepeatValue(), 1e-12);
    }

    @Test
    void aCustomerWithoutRepeatPurchasesHasZeroRecencyAndSpend() {
        PurchaseHistorySummary summary = PurchaseHistories.summarise(
                List.of(purchase("1997-09-23", "12.5"), purchase("1997-09-23", "3")), END).orElseThrow();
        assertEquals(new PurchaseHistorySummary(0, 0, 1, 0), summary);
    }

    @Test
    void aCustomerWhoBoughtNothingInThePeriodHasNoSummary() {
        assertTrue(PurchaseHistories.summarise(List.of(), END).isEmpty());
        assertTrue(PurchaseHistories.summarise(List.of(purchase("1997-10-01", "5")), END).isEmpty());
    }

    @Test
    void theOrderOfTheLogDoesNotMatter() {
        List<Purchase> log = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            log.add(new Purchase(LocalDate.of(1997, 1, 1).plusDays(random.nextInt(400)),
                    BigDecimal.valueOf(random.nextInt(10_000), 2)));
        }
        PurchaseHistorySummary inOrder = PurchaseHistories.summarise(
                log.stream().sorted((x, y) -> x.day().compareTo(y.day())).toList(), END).orElseThrow();
        Collections.shuffle(log, random);
        assertEquals(inOrder, PurchaseHistories.summarise(log, END).orElseThrow());
    }

    @Test
    void negativeAmountsAreNotPurchases() {
        assertThrows(IllegalArgumentException.class, () -> purchase("1997-01-01", "-1"));
    }

    private static Purchase purchase(String day, String amount) {
        return new Purchase(LocalDate.parse(day), new BigDecimal(amount));
    }
}
